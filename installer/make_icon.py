"""Draw the app icon: a white heart holding a child, on the app's accent blue.

    .venv/bin/python installer/make_icon.py      # writes resources/icons/

Writes posyandu-<size>.png for 16..256 px and posyandu.ico holding all of them (the Windows exe,
the installer and the window use it). The drawing is code, so it can be changed and redrawn
without an image editor. Small sizes drop the child: at 16-24 px only the heart stays readable.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)
ACCENT = "#1565c0"  # the primary-button blue of posyandu_desktop/ui/theme.py
HEART = "#ffffff"
CHILD = ACCENT
SMALLEST_WITH_CHILD = 32  # below this the child figure is a blur


def _heart(unit: float) -> QPainterPath:
    """A heart filling most of a square of side `unit`."""
    path = QPainterPath()
    cx = unit / 2
    top = unit * 0.30
    path.moveTo(cx, top)
    path.cubicTo(
        cx - unit * 0.06,
        unit * 0.14,
        cx - unit * 0.40,
        unit * 0.12,
        cx - unit * 0.40,
        top + 0.08 * unit,
    )
    path.cubicTo(cx - unit * 0.40, unit * 0.58, cx - unit * 0.10, unit * 0.70, cx, unit * 0.86)
    path.cubicTo(
        cx + unit * 0.10,
        unit * 0.70,
        cx + unit * 0.40,
        unit * 0.58,
        cx + unit * 0.40,
        top + 0.08 * unit,
    )
    path.cubicTo(cx + unit * 0.40, unit * 0.12, cx + unit * 0.06, unit * 0.14, cx, top)
    path.closeSubpath()
    return path


def _child(unit: float) -> QPainterPath:
    """A small child with open arms, standing inside the heart."""
    path = QPainterPath()
    cx = unit / 2
    head = unit * 0.075
    path.addEllipse(QPointF(cx, unit * 0.36), head, head)
    body = QPainterPath()
    body.moveTo(cx - unit * 0.19, unit * 0.45)  # left hand
    body.lineTo(cx + unit * 0.19, unit * 0.45)  # right hand
    body.lineTo(cx + unit * 0.19, unit * 0.50)
    body.lineTo(cx + unit * 0.07, unit * 0.50)
    body.lineTo(cx + unit * 0.09, unit * 0.68)  # right foot
    body.lineTo(cx + unit * 0.02, unit * 0.68)
    body.lineTo(cx, unit * 0.60)
    body.lineTo(cx - unit * 0.02, unit * 0.68)
    body.lineTo(cx - unit * 0.09, unit * 0.68)  # left foot
    body.lineTo(cx - unit * 0.07, unit * 0.50)
    body.lineTo(cx - unit * 0.19, unit * 0.50)
    body.closeSubpath()
    return path.united(body)


def draw(size: int) -> QImage:
    """The icon at `size` pixels, drawn for that size (not scaled from a bigger one)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(ACCENT))
    radius = size * 0.20
    painter.drawRoundedRect(QRectF(0, 0, size, size), radius, radius)
    painter.setBrush(QColor(HEART))
    painter.drawPath(_heart(size))
    if size >= SMALLEST_WITH_CHILD:
        painter.setBrush(QColor(CHILD))
        painter.drawPath(_child(size))
    painter.end()
    return image


def write_png(image: QImage, target: Path) -> bytes:
    """Save as PNG (the format follows the suffix) and return the file's bytes."""
    if not image.save(str(target)):
        raise OSError(f"could not write {target}")
    return target.read_bytes()


def _dib(image: QImage) -> bytes:
    """An uncompressed 32-bit ICO entry: BITMAPINFOHEADER, BGRA rows bottom-up, AND mask."""
    size = image.width()
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)  # straight (not premultiplied) alpha
    rows = [
        b"".join(struct.pack("<I", argb.pixel(x, y)) for x in range(size))  # bytes B G R A
        for y in reversed(range(size))
    ]
    mask_row = bytes(((size + 31) // 32) * 4)  # all zero: the alpha channel decides
    return header + b"".join(rows) + mask_row * size


def ico_bytes(images: dict[int, QImage], pngs: dict[int, bytes]) -> bytes:
    """A multi-size .ico: classic bitmaps up to 128 px, PNG for 256 px (as Windows expects)."""
    entries = [(size, pngs[size] if size >= 256 else _dib(img)) for size, img in images.items()]
    offset = 6 + 16 * len(entries)
    directory = struct.pack("<HHH", 0, 1, len(entries))
    blobs = b""
    for size, blob in entries:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
        blobs += blob
    return directory + blobs


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    ICONS.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in SIZES}
    pngs = {
        size: write_png(image, ICONS / f"posyandu-{size}.png") for size, image in images.items()
    }
    (ICONS / "posyandu.ico").write_bytes(ico_bytes(images, pngs))
    print(f"{ICONS}: posyandu-{{{','.join(map(str, SIZES))}}}.png, posyandu.ico")
    return 0


if __name__ == "__main__":
    sys.exit(main())
