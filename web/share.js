// The playground's state in the URL's hash: JSON, deflated
// (CompressionStream) and written in base64url, as `#z=...`. Browsers
// without CompressionStream write `#j=...`, the same JSON uncompressed.

const toBase64Url = (bytes) => {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const fromBase64Url = (text) => {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
};

async function through(bytes, stream) {
  const piped = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(piped).arrayBuffer());
}

/** The hash for a state object. */
export async function encodeState(state) {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  if (typeof CompressionStream === "function") {
    return `#z=${toBase64Url(await through(bytes, new CompressionStream("deflate-raw")))}`;
  }
  return `#j=${toBase64Url(bytes)}`;
}

/** The state in a hash, or null when there is none (or it cannot be read). */
export async function decodeState(hash) {
  const match = /^#([zj])=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!match) return null;
  try {
    let bytes = fromBase64Url(match[2]);
    if (match[1] === "z") bytes = await through(bytes, new DecompressionStream("deflate-raw"));
    const state = JSON.parse(new TextDecoder().decode(bytes));
    return state && typeof state === "object" ? state : null;
  } catch {
    return null;
  }
}
