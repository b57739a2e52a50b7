"""Event frames written straight to a socket are the frames a WebSocket client reads."""

from __future__ import annotations

import pytest
from websockets.frames import Frame, Opcode
from websockets.streams import StreamReader

from raddle.realtime.direct import frame_of


def _read_frame(data: bytes) -> Frame:
    reader = StreamReader()
    reader.feed_data(data)
    reader.feed_eof()
    parser = Frame.parse(reader.read_exact, mask=False)
    try:
        next(parser)
    except StopIteration as done:
        frame: Frame = done.value
        return frame
    raise AssertionError("the frame was cut short")


# Each length form of the header: 7 bits, 16 bits, 64 bits, on both sides of each edge.
@pytest.mark.parametrize("size", [0, 1, 125, 126, 127, 65_535, 65_536, 200_000])
def test_a_text_frame_carries_the_whole_text_unmasked_and_final(size: int) -> None:
    text = "x" * size
    frame = _read_frame(frame_of(text))
    assert frame.opcode is Opcode.TEXT
    assert frame.fin
    assert bytes(frame.data).decode() == text


def test_the_length_counts_bytes_not_characters() -> None:
    text = "Zoë's rung: café" * 10  # 16 characters, 18 bytes each
    frame = _read_frame(frame_of(text))
    assert bytes(frame.data).decode() == text


def test_the_same_text_gets_the_same_frame_and_another_text_its_own() -> None:
    first = frame_of('{"type":"timer_started","seq":7}')
    assert frame_of('{"type":"timer_started","seq":7}') == first
    other = frame_of('{"type":"timer_started","seq":8}')
    assert _read_frame(other).data == b'{"type":"timer_started","seq":8}'
