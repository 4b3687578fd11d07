"""Exercise widgets, one class per kind of item."""

from ._base import ItemWidget, store_for
from .choice import MultipleSelect, SingleChoice
from .actor_map import ActorMap
from .classification import Classification
from .coupling_explorer import CouplingExplorer
from .negotiation import NegotiationPair, NegotiationSolo
from .ordering import Ordering
from .structured import StructuredReflection
from .text import NumericAnswer, Reflection, ShortText

WIDGET_FOR_KIND = {
    "single_choice": SingleChoice,
    "multiple_select": MultipleSelect,
    "classification": Classification,
    "ordering": Ordering,
    "numeric": NumericAnswer,
    "short_text": ShortText,
    "reflection": Reflection,
    "structured_reflection": StructuredReflection,
    "actor_map": ActorMap,
    "coupling_explorer": CouplingExplorer,
    "negotiation_pair": NegotiationPair,
    "negotiation_solo": NegotiationSolo,
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
    "StructuredReflection",
    "ActorMap",
    "CouplingExplorer",
    "NegotiationPair",
    "NegotiationSolo",
    "WIDGET_FOR_KIND",
    "store_for",
]
