"""Exercise widgets, one class per kind of item."""

from ._base import ItemWidget, store_for
from .choice import MultipleSelect, SingleChoice
from .classification import Classification
from .ordering import Ordering
from .text import NumericAnswer, Reflection, ShortText

WIDGET_FOR_KIND = {
    "single_choice": SingleChoice,
    "multiple_select": MultipleSelect,
    "classification": Classification,
    "ordering": Ordering,
    "numeric": NumericAnswer,
    "short_text": ShortText,
    "reflection": Reflection,
}

__all__ = [
    "ItemWidget",
    "SingleChoice",
    "MultipleSelect",
    "Classification",
    "Ordering",
    "NumericAnswer",
    "ShortText",
    "Reflection",
    "WIDGET_FOR_KIND",
    "store_for",
]
