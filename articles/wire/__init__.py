"""Reading wire copy into articles: the parsing half, free of the database."""

from .parser import parse
from .story import ParsedStory

__all__ = ["ParsedStory", "parse"]
