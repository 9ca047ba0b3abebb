/**
 * Names of the areas on the map as HTML links: Arabic and Kurdish text shapes correctly without
 * self-hosted glyphs, and each name leads to that area's list.
 */
import { Marker, type Map as MapLibreMap } from 'maplibre-gl';

type Ring = Array<[number, number]>;
type AreaGeometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

interface BoundaryFeature {
  properties: { pcode: string; name: string };
  geometry: AreaGeometry;
}

export function addAreaLabels(map: MapLibreMap, boundaries: { features: BoundaryFeature[] }, lang: string): Marker[] {
  return boundaries.features.map((feature) => {
    const link = document.createElement('a');
    link.className = 'map-label';
    link.href = `/a/${encodeURIComponent(feature.properties.pcode)}?lang=${lang}`;
    link.textContent = feature.properties.name;
    link.dir = 'auto';
    return new Marker({ element: link }).setLngLat(labelPoint(feature.geometry)).addTo(map);
  });
}

/** The area-weighted centroid of the largest ring: inside the shape for all but odd outlines. */
export function labelPoint(geometry: AreaGeometry): [number, number] {
  const rings =
    geometry.type === 'Polygon' ? [geometry.coordinates[0]!] : geometry.coordinates.map((polygon) => polygon[0]!);
  let best: { area: number; x: number; y: number } = { area: -1, x: 0, y: 0 };
  for (const ring of rings) {
    let area = 0;
    let x = 0;
    let y = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [x0, y0] = ring[j] as [number, number];
      const [x1, y1] = ring[i] as [number, number];
      const cross = x0 * y1 - x1 * y0;
      area += cross;
      x += (x0 + x1) * cross;
      y += (y0 + y1) * cross;
    }
    if (Math.abs(area) > best.area && area !== 0) best = { area: Math.abs(area), x: x / (3 * area), y: y / (3 * area) };
  }
  return [best.x, best.y];
}

/**
 * Markers never hide a place's name: a label that a marker or cluster would cover steps just above
 * or below it (the first position free of all of them), and stays drawn over markers when no
 * position is free (map.css). Run after every redraw of the markers.
 */
export function keepLabelsClear(labels: Marker[], markers: HTMLElement[]) {
  const obstacles = markers.map((m) => m.getBoundingClientRect());
  for (const label of labels) {
    label.setOffset([0, 0]);
    const box = label.getElement().getBoundingClientRect();
    const hits = (dy: number) => obstacles.filter((o) => overlaps(box, o, dy)).length;
    if (!hits(0)) continue;
    const candidates = obstacles
      .filter((o) => overlaps(box, o, 0))
      .flatMap((o) => [o.top - box.bottom - GAP, o.bottom - box.top + GAP]);
    const best = candidates.reduce(
      (chosen, dy) => {
        const score = hits(dy);
        return score < chosen.score || (score === chosen.score && Math.abs(dy) < Math.abs(chosen.dy))
          ? { dy, score }
          : chosen;
      },
      { dy: 0, score: hits(0) },
    );
    label.setOffset([0, best.dy]);
  }
}

const GAP = 2;

function overlaps(box: DOMRect, other: DOMRect, dy: number): boolean {
  return box.left < other.right && other.left < box.right && box.top + dy < other.bottom && other.top < box.bottom + dy;
}
