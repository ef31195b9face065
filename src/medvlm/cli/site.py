"""`medvlm site` and `medvlm serve`: build the catalog's website, and preview it locally."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from medvlm.cli.engine import load_checked
from medvlm.problems import Problem, ProblemsError
from medvlm.render.site.build import BUILD_DIR, BUILDERS, DEFAULT_OUT, SiteBuild, build_site
from medvlm.render.site.serve import site_server

DEFAULT_PORT = 8000


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"expected a port number from 0 to 65535, got {text!r}")
    return value


def _add_build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help=f"folder for the built site (default: {DEFAULT_OUT}/ in the catalog folder); "
        "replaced only once the new build succeeded",
    )
    parser.add_argument(
        "--builder",
        choices=BUILDERS,
        default="mkdocs",
        help="the static site generator to run on the generated tree (default: mkdocs)",
    )


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add this group's commands to the `medvlm` parser."""
    site = subparsers.add_parser(
        "site",
        help="build the website (MkDocs Material, offline) into site/",
        description=(
            f"Write the generated pages and data files into {BUILD_DIR}/ (a copy of docs/ plus "
            f"pages made from the records), then run `mkdocs build --strict` on "
            f"{BUILD_DIR}/mkdocs.yml. For live reload while editing templates: "
            f"`mkdocs serve -f {BUILD_DIR}/mkdocs.yml`."
        ),
    )
    _add_build_options(site)
    site.set_defaults(handler=run_site)
    serve = subparsers.add_parser(
        "serve",
        help="build the website, then serve it on http://127.0.0.1:PORT/ to preview it",
        description=(
            "Build the site as `medvlm site` does (unless --no-build), then serve the built "
            "folder on this machine only (127.0.0.1) until Ctrl+C. Port 0 picks a free port."
        ),
    )
    _add_build_options(serve)
    serve.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})"
    )
    serve.add_argument(
        "--no-build", action="store_true", help="serve the site already built, without rebuilding"
    )
    serve.set_defaults(handler=run_serve)


def _build(args: argparse.Namespace) -> SiteBuild | None:
    catalog = load_checked(args.root)
    if catalog is None:
        print("site not built", file=sys.stderr)
        return None
    result = build_site(catalog, _out(args), args.builder)
    print(
        f"{result.out}: {result.papers} papers, {result.pages} pages, "
        f"built with {result.builder} in {result.seconds:.1f} s"
    )
    return result


def _out(args: argparse.Namespace) -> Path:
    out: Path = args.out if args.out is not None else args.root / DEFAULT_OUT
    return out


def run_site(args: argparse.Namespace) -> int:
    return 0 if _build(args) is not None else 1


def run_serve(args: argparse.Namespace) -> int:
    if not args.no_build and _build(args) is None:
        return 1
    out = _out(args)
    if not (out / "index.html").is_file():
        message = "no built site here: run `medvlm site` first (or drop --no-build)"
        raise ProblemsError([Problem(str(out), 0, "", message)])
    try:
        server = site_server(out, args.port)
    except OSError as error:
        raise ProblemsError(
            [Problem("--port", 0, "", f"cannot serve on {args.port}: {error}")]
        ) from None
    port = server.server_address[1]
    print(f"serving {out} at http://127.0.0.1:{port}/ (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped")
    finally:
        server.server_close()
    return 0
