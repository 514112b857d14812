/** Linux interface names: 1–15 bytes, no '/', ':' or white space. */
export const IFNAME_RE = /^[A-Za-z0-9_.-][A-Za-z0-9_.@-]{0,14}$/;
