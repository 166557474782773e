// The service worker. Its build version and file lists are written by
// `cargo xtask post-build` from the files of the build it ships with; the
// placeholders below are never edited by hand.
const BUILD = "__BUILD_VERSION__";
const PRECACHE = ["__PRECACHE_LIST__"];
// The editing part (src/parts.rs): kept only on the devices of staff who
// may edit (the app says so, KEEP_EDITING), not downloaded for the rest.
const EDITING = ["__EDITING_LIST__"];
const EDITING_PREFIX = "/split_editing-";

const SHELL_PREFIX = "shell-";
const SHELL = SHELL_PREFIX + BUILD;
const AVATARS = "avatars";
const AVATARS_MAX = 400;
const NAVIGATION_TIMEOUT_MS = 4000;

const CATALOGUES = "/i18n/";

self.addEventListener("install", (event) => {
  // No skipWaiting here: a page must never run with files from two builds.
  // The app asks for it when the user accepts the update.
  event.waitUntil(
    (async () => {
      const cache = await caches.open(SHELL);
      await cache.addAll(PRECACHE);
      // The languages the last build was used in: this build's wording of
      // them, so an update does not leave the app without its language
      // offline. Best effort: the app falls back to another it has.
      // Likewise an editor's device gets this build's editing part, so
      // editing still works offline after the update.
      let editor = false;
      for (const name of await caches.keys()) {
        if (!name.startsWith(SHELL_PREFIX) || name === SHELL) continue;
        for (const req of await (await caches.open(name)).keys()) {
          const path = new URL(req.url).pathname;
          if (path.startsWith(CATALOGUES)) await cache.add(req.url).catch(() => {});
          if (path.startsWith(EDITING_PREFIX)) editor = true;
        }
      }
      if (editor) await cache.addAll(EDITING).catch(() => {});
    })()
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(SHELL_PREFIX) && name !== SHELL) await caches.delete(name);
      }
      await self.clients.claim();
    })()
  );
});

self.addEventListener("message", (event) => {
  // The page deletes the avatar cache itself at sign-out (offline/worker.rs).
  const type = event.data && event.data.type;
  if (type === "SKIP_WAITING") self.skipWaiting();
  // Sent at every start of an editor's app: only what is missing is
  // fetched.
  if (type === "KEEP_EDITING") event.waitUntil(keepMissing(EDITING).catch(() => {}));
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET") return;
  const url = new URL(req.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/web/image/")) {
    event.respondWith(avatar(event, req));
    return;
  }
  // Odoo calls carry a user's data and session: never cached here.
  if (url.pathname.startsWith("/web/")) return;
  if (req.mode === "navigate") {
    event.respondWith(navigation(req));
    return;
  }
  if (url.pathname.startsWith(CATALOGUES) || url.pathname.startsWith(EDITING_PREFIX)) {
    event.respondWith(keptOnUse(req));
    return;
  }
  event.respondWith(caches.open(SHELL).then((c) => c.match(req)).then((hit) => hit || fetch(req)));
});

async function navigation(req) {
  const cache = await caches.open(SHELL);
  try {
    const res = await withTimeout(fetch(req), NAVIGATION_TIMEOUT_MS);
    if (res.ok) return res;
    const shell = await cache.match("/index.html");
    return shell || res;
  } catch (_) {
    // Every client route (/partners/42 too) is the same shell.
    const shell = await cache.match("/index.html");
    return shell || Response.error();
  }
}

// Only the catalogue in use (and the editing part for editors) is
// downloaded, not precached, and kept with this build's files once it is.
async function keptOnUse(req) {
  const cache = await caches.open(SHELL);
  const hit = await cache.match(req);
  if (hit) return hit;
  const res = await fetch(req);
  if (res.ok) await cache.put(req, res.clone());
  return res;
}

async function keepMissing(urls) {
  const cache = await caches.open(SHELL);
  for (const url of urls) if (!(await cache.match(url))) await cache.add(url);
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("timeout")), ms);
    promise.then((v) => { clearTimeout(t); resolve(v); }, (e) => { clearTimeout(t); reject(e); });
  });
}

async function avatar(event, req) {
  const cache = await caches.open(AVATARS);
  const hit = await cache.match(req);
  const refresh = fetch(req).then(async (res) => {
    if (res.ok) {
      await cache.put(req, res.clone());
      const keys = await cache.keys();
      for (const old of keys.slice(0, Math.max(0, keys.length - AVATARS_MAX))) await cache.delete(old);
    }
    return res;
  });
  if (hit) {
    event.waitUntil(refresh.catch(() => {}));
    return hit;
  }
  return refresh;
}
