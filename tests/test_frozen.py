"""`quick_init` (issue 13): the quicker __init__ of frozen, slotted dataclasses must take the same
arguments and make the same instance as the dataclass's own, and the instance stays frozen."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pickle
import pkgutil
from dataclasses import FrozenInstanceError, InitVar, dataclass, field

import pytest

import annotator
from annotator.frozen import quick_init


@dataclass(frozen=True, slots=True)
class Every:
    """Every kind of field quick_init handles."""

    plain: int
    text: str = "x"
    listed: tuple[int, ...] = field(default_factory=lambda: (1, 2))
    fixed: str = field(default="fixed", init=False)
    made: list[int] = field(default_factory=list, init=False)
    derived: int = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "derived", self.plain * 2)


def quick_copy_of_every() -> type:
    namespace = {
        "__annotations__": dict(Every.__annotations__),
        "text": "x",
        "listed": field(default_factory=lambda: (1, 2)),
        "fixed": field(default="fixed", init=False),
        "made": field(default_factory=list, init=False),
        "derived": field(init=False),
        "__post_init__": Every.__post_init__,
    }
    return quick_init(dataclass(frozen=True, slots=True)(type("Every", (), namespace)))


def values(instance: object) -> dict[str, object]:
    return {f.name: getattr(instance, f.name) for f in dataclasses.fields(instance)}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [((3,), {}), ((3, "y"), {}), ((3,), {"listed": (7,)}), ((), {"plain": 0, "text": "z"})],
)
def test_the_same_instance_as_the_dataclass_makes(args: tuple, kwargs: dict) -> None:
    quick = quick_copy_of_every()
    assert values(quick(*args, **kwargs)) == values(Every(*args, **kwargs))
    assert inspect.signature(quick) == inspect.signature(Every)


def test_a_default_factory_makes_a_new_value_each_time() -> None:
    quick = quick_copy_of_every()
    first, second = quick(1), quick(1)
    assert first.made == [] and first.made is not second.made


def test_the_instance_stays_frozen_hashable_and_equal_by_value() -> None:
    quick = quick_copy_of_every()
    one = quick(1, "a", (5,))
    with pytest.raises(FrozenInstanceError):
        one.plain = 2  # type: ignore[misc]
    assert one == quick(1, "a", (5,)) and one != quick(2, "a", (5,))
    assert dataclasses.replace(one, plain=4).derived == 8


def test_wrong_calls_fail_as_the_dataclass_fails() -> None:
    quick = quick_copy_of_every()
    for call in (lambda c: c(), lambda c: c(1, nope=2), lambda c: c(1, "a", (1,), 4)):
        with pytest.raises(TypeError):
            call(Every)
        with pytest.raises(TypeError):
            call(quick)


@pytest.mark.parametrize(
    "make",
    [
        lambda: dataclass(slots=True)(type("Mutable", (), {"__annotations__": {"a": "int"}})),
        lambda: dataclass(frozen=True)(type("Unslotted", (), {"__annotations__": {"a": "int"}})),
        lambda: dataclass(frozen=True, slots=True)(
            type("WithInitVar", (), {"__annotations__": {"a": InitVar[int]}})
        ),
        lambda: dataclass(frozen=True, slots=True, kw_only=True)(
            type("KeywordOnly", (), {"__annotations__": {"a": "int"}})
        ),
        lambda: type("NotADataclass", (), {}),
    ],
    ids=["mutable", "unslotted", "initvar", "kw_only", "plain class"],
)
def test_classes_it_cannot_copy_the_init_of_are_refused(make) -> None:
    with pytest.raises(TypeError):
        quick_init(make())


def quick_classes() -> list[type]:
    found = []
    for module in pkgutil.walk_packages(annotator.__path__, "annotator."):
        if module.name.startswith(("annotator.gui", "annotator.__main__")):
            continue
        for value in vars(importlib.import_module(module.name)).values():
            if isinstance(value, type) and "__dataclass_init__" in value.__dict__:
                found.append(value)
    return list(dict.fromkeys(found))


def test_the_hot_records_are_quick() -> None:
    names = {cls.__name__ for cls in quick_classes()}
    assert {"Block", "Span", "Line", "LineKind", "LineLayout", "TagPath", "Scored"} <= names


@pytest.mark.parametrize("cls", quick_classes(), ids=lambda cls: cls.__qualname__)
def test_each_quick_class_is_made_as_its_dataclass_would(cls: type) -> None:
    assert inspect.signature(cls.__init__) == inspect.signature(cls.__dataclass_init__)
    required = [
        p.name
        for p in inspect.signature(cls.__dataclass_init__).parameters.values()
        if p.name != "self" and p.default is inspect.Parameter.empty
    ]
    # distinct stand-ins that any field takes: a frozen dataclass checks no types, and the
    # __post_init__ checks here ask only for a score in [0, 1]
    args = [number / 100 for number, _ in enumerate(required, start=1)]
    quick = cls(*args)
    slow = object.__new__(cls)
    cls.__dataclass_init__(slow, *args)
    assert values(quick) == values(slow)


def test_the_pickled_state_is_the_dataclass_s_own() -> None:
    """The state is the fields' values in field order, as dataclasses writes it, so an instance
    pickled by either unpickles with the other."""
    quick = quick_copy_of_every()
    instance = quick(3, "y")
    theirs = dataclasses._dataclass_getstate(Every(3, "y"))  # type: ignore[attr-defined]
    assert list(instance.__getstate__()) == theirs
    restored = object.__new__(quick)
    restored.__setstate__(theirs)
    assert values(restored) == values(instance)


def test_unpickling_calls_no_post_init() -> None:
    quick = quick_copy_of_every()
    state = list(quick(3).__getstate__())
    state[-1] = 99  # `derived`, which __post_init__ would make 6
    restored = object.__new__(quick)
    restored.__setstate__(state)
    assert restored.derived == 99


@pytest.mark.parametrize("cls", quick_classes(), ids=lambda cls: cls.__qualname__)
@pytest.mark.parametrize("protocol", [0, 2, pickle.HIGHEST_PROTOCOL])
def test_each_quick_class_pickles_to_an_equal_instance(cls: type, protocol: int) -> None:
    required = [
        p.name
        for p in inspect.signature(cls.__dataclass_init__).parameters.values()
        if p.name != "self" and p.default is inspect.Parameter.empty
    ]
    instance = cls(*[number / 100 for number, _ in enumerate(required, start=1)])
    assert values(pickle.loads(pickle.dumps(instance, protocol))) == values(instance)
    assert type(instance).__getstate__ is not dataclasses._dataclass_getstate  # type: ignore[attr-defined]


def test_a_class_of_one_field_or_none_pickles_too() -> None:
    @dataclass(frozen=True, slots=True)
    class Nothing:
        pass

    @dataclass(frozen=True, slots=True)
    class One:
        value: int

    nothing, one = quick_init(Nothing), quick_init(One)
    assert nothing().__getstate__() == ()
    assert one(3).__getstate__() == (3,)
    restored = object.__new__(one)
    restored.__setstate__((4,))
    assert restored == one(4)
