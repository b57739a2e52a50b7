"""Hypothesis strategies shared by the rules tests."""

from __future__ import annotations

from hypothesis import strategies as st


@st.composite
def ladders(draw: st.DrawFn, min_rungs: int = 2, max_rungs: int = 20) -> list[bool]:
    """A ladder part-way through a round: a revealed run from each end, hidden between.

    That is the only shape play can produce, since guesses are confined to frontiers.
    """
    count = draw(st.integers(min_value=min_rungs, max_value=max_rungs))
    top = draw(st.integers(min_value=1, max_value=count - 1))
    bottom = draw(st.integers(min_value=top, max_value=count - 1))
    return [i < top or i >= bottom for i in range(count)]
