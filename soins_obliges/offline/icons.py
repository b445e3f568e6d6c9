"""The site's icons (web app manifest, home-screen, favicon), drawn at build time with Pillow.

A square in the theme's indigo with « SO » in white and a teal bar (the theme's accent), in DejaVu Sans Bold
(Debian's fonts-dejavu-core, which the build already needs for the diagrams). ``maskable`` icons keep the
drawing inside the central 60 % (the safe zone of Android's masks) on a full-bleed background.
"""
from __future__ import annotations

import io
from pathlib import Path

INDIGO = (63, 81, 181)     # Material's indigo 500, the header colour
TEAL = (0, 150, 136)       # Material's teal 500, the accent
WHITE = (255, 255, 255)
FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
              "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf")

ICONS = {                  # file name → (size, maskable)
    "icon-32.png": (32, False),
    "icon-180.png": (180, False),       # apple-touch-icon
    "icon-192.png": (192, False),
    "icon-512.png": (512, False),
    "icon-maskable-512.png": (512, True),
}


def _font(size: int):
    from PIL import ImageFont

    for path in FONT_PATHS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    raise FileNotFoundError("DejaVu Sans Bold not found (fonts-dejavu-core) → apt-get install fonts-dejavu-core "
                            "(bash manage.sh build installs it)")


def draw(size: int, maskable: bool = False) -> bytes:
    from PIL import Image, ImageDraw

    scale = 4                                   # drawn large, then reduced: smooth edges at every size
    big = size * scale
    img = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    if maskable:
        d.rectangle([0, 0, big, big], fill=INDIGO)
        area = 0.6
    else:
        d.rounded_rectangle([0, 0, big - 1, big - 1], radius=big // 6, fill=INDIGO)
        area = 0.8
    inner = big * area
    font = _font(int(inner * 0.5))
    text = "SO"
    left, top, right, bottom = d.textbbox((0, 0), text, font=font)
    w, h = right - left, bottom - top
    bar = max(1, int(inner * 0.07))
    gap = int(inner * 0.08)
    y0 = (big - (h + gap + bar)) / 2
    d.text(((big - w) / 2 - left, y0 - top), text, font=font, fill=WHITE)
    bw = w * 0.9
    d.rectangle([(big - bw) / 2, y0 + h + gap, (big + bw) / 2, y0 + h + gap + bar], fill=TEAL)
    out = img.resize((size, size), Image.LANCZOS)
    buf = io.BytesIO()
    out.save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def write(folder: Path) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (size, maskable) in ICONS.items():
        (folder / name).write_bytes(draw(size, maskable))
    return list(ICONS)
