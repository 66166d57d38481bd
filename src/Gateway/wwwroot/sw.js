// Keeps the app shell on the device so the app opens offline. Registered as /sw.js?v={version}: a deploy changes the
// version, which installs a new worker with a new cache. Navigations are network-first (never a stale index.html
// while online); the app's files, all at fingerprinted URLs that never change content, are cache-first; /api and
// other server paths are never touched.

const VERSION = new URL(self.location.href).searchParams.get('v') || 'dev';
const CACHE = `mh-shell-${VERSION}`;
const SERVER = /^\/(api|dev|health|openapi|scalar|hangfire|dashboard|metrics|app-config\.json)(\/|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const res = await fetch('/', { cache: 'no-store' });
    if (!res.ok) return;
    const html = await res.clone().text();
    await cache.put('/', res);
    // The import map in index.html names every file of the app (modules, styles, strings) at its fingerprinted URL: cache them all.
    const map = html.match(/<script type="importmap">([^<]*)<\/script>/);
    const urls = map ? Object.values(JSON.parse(map[1]).imports || {}) : [];
    // The manifest and its icons are named by their plain URLs (the manifest refers to them so); this cache is per
    // version, so they cannot outlive a deploy that changes them.
    const install = ['/manifest.webmanifest', '/icons/icon-192.png', '/icons/icon-512.png', '/icons/maskable-192.png', '/icons/maskable-512.png'];
    await Promise.all([...urls, ...install].map((u) => cache.add(u).catch(() => null)));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('mh-shell-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  const url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin || SERVER.test(url.pathname)) return;
  if (req.mode === 'navigate') {
    event.respondWith((async () => {
      try {
        const res = await fetch(req);
        if (res.ok) (await caches.open(CACHE)).put('/', res.clone());
        return res;
      } catch {
        return (await caches.match('/')) || Response.error();
      }
    })());
    return;
  }
  if (url.pathname === '/') return;
  // Besides the shell, only fingerprinted URLs are in the cache (installed above), so a hit can never be stale.
  event.respondWith((async () => (await caches.match(req)) || fetch(req))());
});
