"""Exercise widgets, one class per kind of item (each kind in ``course.kinds`` names its class)."""

from ._base import ItemWidget, store_for
from .choice import MultipleSelect, SingleChoice
from .actor_map import ActorMap
from .classification import Classification
from .coupling_explorer import CouplingExplorer
from .negotiation import NegotiationPair, NegotiationSolo
from .ordering import Ordering
from .structured import StructuredReflection
from .text import NumericAnswer, Reflection, ShortText

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
    "store_for",
]
