"""The host's puzzle endpoints: list, check as you type, write, import, export, hide."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, status

from raddle import wire
from raddle.api.deps import AdminToken, Ctx
from raddle.puzzle_schemas import (
    CheckResult,
    FileFormat,
    HiddenBody,
    PuzzleDetail,
    PuzzleInfo,
    PuzzleText,
)
from raddle.puzzles.validate import MAX_FILE_BYTES
from raddle.services import puzzles

router = APIRouter(prefix="/admin/puzzles", tags=["puzzles"])
# FastAPI's `responses`: OpenAPI text about each error status (the body is ErrorBody).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": wire.ErrorBody} for code in (401, 404, 409, 413, 422)
}
Slug = Annotated[str, Path(max_length=80, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
#: Bodies these endpoints accept: an upload as large as a file on disk may be, so that
#: it gets the validator's own message about its size (see `raddle.api.middleware`).
MAX_UPLOAD_BODY = 2 * MAX_FILE_BYTES + 16 * 1024


@router.get("", response_model=list[PuzzleInfo], responses=ERRORS)
async def list_puzzles(ctx: Ctx, _: AdminToken) -> list[PuzzleInfo]:
    """Every puzzle a round may deal (hidden ones marked): bundled, from folders, hosts'."""
    return await puzzles.list_puzzles(ctx)


@router.post("/check", response_model=CheckResult, responses=ERRORS)
async def check(_: AdminToken, body: PuzzleText) -> CheckResult:
    """Validate and lint a draft; nothing is saved."""
    return await puzzles.check_draft(body.text, body.format)


@router.post(
    "/import",
    response_model=CheckResult,
    responses=ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def import_file(
    request: Request,
    _: AdminToken,
    name: Annotated[str, Query(min_length=1, max_length=200, description="the file's name")],
) -> CheckResult:
    """Read an uploaded puzzle file (the raw bytes) exactly as a file on disk is read,
    and validate and lint it; nothing is saved."""
    return await puzzles.check_upload(name, await request.body())


@router.post("", response_model=PuzzleInfo, status_code=status.HTTP_201_CREATED, responses=ERRORS)
async def create(ctx: Ctx, _: AdminToken, body: PuzzleText) -> PuzzleInfo:
    """Save a new ladder; refused (422) while it has validation or lint errors."""
    return await puzzles.create_puzzle(ctx, body.text, body.format)


@router.get("/{slug}", response_model=PuzzleDetail, responses=ERRORS)
async def detail(ctx: Ctx, _: AdminToken, slug: Slug) -> PuzzleDetail:
    return await puzzles.get_puzzle(ctx, slug)


@router.put("/{slug}", response_model=PuzzleInfo, responses=ERRORS)
async def update(ctx: Ctx, _: AdminToken, slug: Slug, body: PuzzleText) -> PuzzleInfo:
    """Replace a host's ladder (bundled ones cannot be changed: 409)."""
    return await puzzles.update_puzzle(ctx, slug, body.text, body.format)


@router.delete("/{slug}", status_code=status.HTTP_204_NO_CONTENT, responses=ERRORS)
async def delete(ctx: Ctx, _: AdminToken, slug: Slug) -> Response:
    await puzzles.delete_puzzle(ctx, slug)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.put("/{slug}/hidden", response_model=PuzzleInfo, responses=ERRORS)
async def set_hidden(ctx: Ctx, _: AdminToken, slug: Slug, body: HiddenBody) -> PuzzleInfo:
    """Keep any puzzle out of dealing (or let it be dealt again)."""
    return await puzzles.set_hidden(ctx, slug, body.hidden)


@router.get(
    "/{slug}/export",
    responses={
        **ERRORS,
        200: {
            "description": "the puzzle file",
            # Either way the file holds one mapping: title, difficulty, ladder, ...
            "content": {
                "application/yaml": {"schema": {"type": "object"}},
                "application/json": {"schema": {"type": "object"}},
            },
        },
    },
)
async def export(ctx: Ctx, _: AdminToken, slug: Slug, format: FileFormat = "yaml") -> Response:
    """The puzzle as a file to download, in YAML or JSON."""
    name, text = await puzzles.export_puzzle(ctx, slug, format)
    media = "application/json" if format == "json" else "application/yaml"
    return Response(
        text.encode("utf-8"),
        media_type=f"{media}; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
