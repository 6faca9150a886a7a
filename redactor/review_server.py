"""``redact review OUTDIR``: a local page on which a person checks every finding of a run, adds
what was missed, decides per person, and applies. Starlette (BSD) on uvicorn (BSD), serving a
page, a script and a style sheet shipped in the package: no CDN, nothing fetched, works offline.

The page shows CPI, so every request is guarded (:class:`Guard`): the server listens on
127.0.0.1 only; a random token in the URL is required on every request, and in a header on
every change (a form on another site cannot set one); the Host header must name the loopback
address (a DNS-rebinding page sends its own name); a Content-Security-Policy allows only the
page's own script, style and requests; responses are never cached and send no Referer. Only the
three assets and the run's own documents (by number) are served, never a path.
"""
from __future__ import annotations

import json
import secrets
import socket
from pathlib import Path
from typing import Any, Awaitable, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from redactor import api
from redactor.disclosure_log import LEGAL_BASES
from redactor.review import Review, ReviewError

STATIC = Path(__file__).resolve().parent / "static"
ASSETS = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
TOKEN_HEADER = "x-review-token"
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "[::1]"}
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                               "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "x-frame-options": "DENY",
}
#: A document longer than this is listed with its findings but its text is not shown whole.
MAX_SHOWN_CHARS = 2_000_000


class Guard:
    """ASGI middleware: refuse (403) a request without the token or with a foreign Host header,
    a change without the token in its header, and add the security headers to every answer."""

    def __init__(self, app: Any, token: str) -> None:
        self.app, self.token = app, token

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Awaitable[Any]],
                       send: Callable[..., Awaitable[Any]]) -> None:
        if scope["type"] != "http":
            return  # no websockets, no lifespan work
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        query = dict(p.partition("=")[::2] for p in scope.get("query_string", b"").decode("latin-1").split("&") if p)
        in_header = secrets.compare_digest(headers.get(TOKEN_HEADER, ""), self.token)
        in_query = secrets.compare_digest(query.get("token", ""), self.token)
        changes = scope["method"] not in ("GET", "HEAD")

        async def secured(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []),
                                       *((k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items())]
            await send(message)

        if _hostname(headers.get("host", "")) not in LOOPBACK_NAMES or not (in_header if changes
                                                                            else in_header or in_query):
            await Response("forbidden", status_code=403, media_type="text/plain")(scope, receive, secured)
            return
        await self.app(scope, receive, secured)


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host[:host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def create_app(review: Review, token: str, log_path: Path | None = None) -> Any:
    """The review application for ``review``, guarded by ``token``."""

    async def page(_: Request) -> Response:
        page = (STATIC / "review.html").read_text(encoding="utf-8").replace("{{token}}", token)
        return Response(page, media_type="text/html; charset=utf-8")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return Response("not found", status_code=404, media_type="text/plain")
        return Response((STATIC / name).read_text(encoding="utf-8"), media_type=ASSETS[name])

    async def run(_: Request) -> Response:
        return JSONResponse({"folder": review.outdir.name, "documents": [_listing(review, d.index)
                                                                         for d in review.documents],
                             "legal_bases": LEGAL_BASES, "added": review.added()})

    async def document(request: Request) -> Response:
        return JSONResponse(_document(review, int(request.path_params["index"])))

    async def pages(request: Request) -> Response:
        return JSONResponse({"pages": review.pdf_pages(int(request.path_params["index"]))})

    async def picture(request: Request) -> Response:
        png = review.page_picture(int(request.path_params["index"]), int(request.path_params["page"]))
        return Response(png, media_type="image/png")

    async def people(_: Request) -> Response:
        return JSONResponse({"people": review.people()})

    async def change(request: Request) -> Response:
        body = await _body(request)
        action = request.path_params["action"]
        if action == "decide":
            review.decide(int(body["document"]), int(body["finding"]), str(body["decision"]))
        elif action == "person":
            review.decide_person(str(body["person"]), str(body["decision"]))
        elif action == "add":
            start = body.get("start")
            review.add(int(body["document"]), str(body["text"]), str(body.get("scope", "document")),
                       int(start) if start is not None else None, str(body.get("entity_type") or ""))
        elif action == "undo":
            return JSONResponse({"undone": review.undo()})
        else:
            return JSONResponse({"error": "unknown change"}, status_code=404)
        return JSONResponse({"saved": True})

    async def apply(request: Request) -> Response:
        body = await _body(request)
        out, outcomes = api.apply_review(review, recipient=str(body.get("recipient", "")),
                                         purpose=str(body.get("purpose", "")), basis=str(body.get("basis", "")),
                                         by=str(body.get("by", "")), log_path=log_path)
        return JSONResponse({"folder": out.name, "outcomes": [
            {"file": Path(o.source).name, "status": o.status, "message": o.message,
             "copy": Path(o.output).name if o.output else None} for o in outcomes]})

    async def refused(_: Request, exc: Exception) -> Response:
        return JSONResponse({"error": str(exc)}, status_code=400)

    app = Starlette(routes=[
        Route("/", page), Route("/static/{name}", asset), Route("/api/run", run),
        Route("/api/documents/{index:int}", document), Route("/api/documents/{index:int}/pages", pages),
        Route("/api/documents/{index:int}/pages/{page:int}.png", picture), Route("/api/people", people),
        Route("/api/apply", apply, methods=["POST"]), Route("/api/{action}", change, methods=["POST"]),
    ], exception_handlers={ReviewError: refused, ValueError: refused, KeyError: refused})
    return Guard(app, token)


async def _body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body())
    except ValueError:
        raise ReviewError("the request is not JSON") from None
    if not isinstance(body, dict):
        raise ReviewError("the request is not a JSON object")
    return body


def _listing(review: Review, index: int, decided: list[str] | None = None) -> dict[str, Any]:
    doc = review.document(index)
    summary = (doc.report or {}).get("summary", {})
    decided = decided if decided is not None else review.decisions(doc)
    types = sorted({f["entity_type"] for f in doc.findings})
    return {"index": index, "name": doc.name, "status": doc.status, "message": doc.message,
            "pdf": doc.path is not None and doc.path.suffix.lower() == ".pdf",
            "impact": summary.get("privacy_impact", {}).get("level"), "flags": len((doc.report or {}).get("flags", [])),
            "flag_types": sorted({f["type"] for f in (doc.report or {}).get("flags", [])}),
            "redact": decided.count("redact"), "keep": decided.count("keep"), "types": types,
            "problem": doc.problem, "can_show": doc.path is not None}


def _document(review: Review, index: int) -> dict[str, Any]:
    doc = review.document(index)
    text = review.text_of(index) if doc.path else ""
    report = doc.report or {}
    decided = review.decisions(doc)
    return {**_listing(review, index, decided),
            "text": text if len(text) <= MAX_SHOWN_CHARS else "",
            "findings": [{"n": n, "type": f["entity_type"], "start": f["start"], "end": f["end"], "text": f["text"],
                          "decision": decided[n], "tool": f["action"],
                          "why": f.get("reason") or f.get("why") or "", "location": f.get("location", ""),
                          "person": review.person_of(doc, n), "uncertain": review.uncertain(doc, n)}
                         for n, f in enumerate(doc.findings)],
            "flags": report.get("flags", []), "look_here": report.get("look_here", []),
            "added": review.added_for(index),
            "added_spans": [{"start": start, "end": end, "type": kind}
                            for start, end, kind in review.added_spans(index, text)]}


def serve(review: Review, *, port: int = 0, open_browser: bool = True, log_path: Path | None = None,
          announce: Callable[[str], None] = print) -> None:
    """Serve the review on 127.0.0.1 until interrupted; ``announce`` gets the URL (with its token)."""
    import uvicorn
    token = secrets.token_urlsafe(24)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/?token={token}"
    announce(url)
    if open_browser:
        import webbrowser
        webbrowser.open(url)
    config = uvicorn.Config(create_app(review, token, log_path), log_level="warning", access_log=False,
                            lifespan="off")
    uvicorn.Server(config).run(sockets=[sock])
