"""relcourse: wiki articles on relationship communication → notebook modules and handouts."""

from .errors import ArticleError, ContentError, RelcourseError
from .model import Article
from .parse import load_article, load_articles, parse_article

__all__ = ["Article", "ArticleError", "ContentError", "RelcourseError", "load_article", "load_articles", "parse_article"]
__version__ = "0.1.0"
