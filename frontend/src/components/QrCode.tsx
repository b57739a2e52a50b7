import { useMemo } from "react";
import qrcode from "qrcode-generator";

// Drawn as one SVG path from the module grid: crisp at any size on a TV and
// needs no image URL (the page's CSP allows only our own origin and data:).
export function QrCode({ text, label, size = 320 }: { text: string; label: string; size?: number }) {
  const { path, count } = useMemo(() => {
    const qr = qrcode(0, "M");
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    let d = "";
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
      }
    }
    return { path: d, count: n };
  }, [text]);
  const box = count + 8; // the standard four-module quiet zone on each side
  return (
    <svg
      className="qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${box} ${box}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
    >
      <rect width={box} height={box} fill="#fff" />
      <path d={path} fill="#1a1333" />
    </svg>
  );
}
