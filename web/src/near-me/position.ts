/**
 * S11: the phone's position, for distances worked out on the phone. It is kept in memory only:
 * never sent, never stored, and forgotten with the page.
 */
export interface Position {
  lat: number;
  lon: number;
}

export function currentPosition(): Promise<Position> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) return reject(new Error('no geolocation'));
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lon: p.coords.longitude }),
      (error) => reject(new Error(error.message)),
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 60_000 },
    );
  });
}
