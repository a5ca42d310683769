"""Request parameters every collection and every mutable object shares."""

from typing import Annotated

from fastapi import Depends

from app.kit.etag import parse_if_match
from app.kit.pagination import PageParams, page_params

Paging = Annotated[PageParams, Depends(page_params)]
IfMatch = Annotated[int | None, Depends(parse_if_match)]
