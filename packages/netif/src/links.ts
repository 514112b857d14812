// Link state: whether an interface exists, is up, and has carrier.
import { validateIfname } from './address-args';
import { InterfaceNotFoundError } from './errors';
import { runIpParsed, type NetifOptions } from './ip-runner';
import { parseLinks, type LinkInfo } from './parse';

/** The interface's state, or undefined when no interface has that name. */
export async function getLink(ifname: string, options: NetifOptions = {}): Promise<LinkInfo | undefined> {
  validateIfname(ifname);
  try {
    const links = await runIpParsed(['-json', 'link', 'show', 'dev', ifname], parseLinks, options, {
      ifname,
    });
    return links.find((link) => link.name === ifname);
  } catch (error) {
    if (error instanceof InterfaceNotFoundError) return undefined;
    throw error;
  }
}

export function listLinks(options: NetifOptions = {}): Promise<LinkInfo[]> {
  return runIpParsed(['-json', 'link', 'show'], parseLinks, options);
}
