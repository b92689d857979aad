// Drives the development eID provider's login in a test as a browser would: follows the
// redirects between the registry and the provider with a cookie jar per host, picks the test
// user on the login page, and returns the registry's session cookie and CSRF token.
export interface EidTestSession {
  readonly cookie: string;
  readonly csrfToken: string;
  readonly role: string;
}

type Jar = Map<string, Map<string, string>>;

function remember(jar: Jar, url: URL, res: Response): void {
  const cookies = jar.get(url.host) ?? new Map<string, string>();
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const [name, ...value] = (pair ?? '').split('=');
    if (name) cookies.set(name.trim(), value.join('='));
  }
  jar.set(url.host, cookies);
}

const cookieHeader = (jar: Jar, url: URL): string =>
  [...(jar.get(url.host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');

async function step(jar: Jar, url: URL, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, {
    ...init,
    redirect: 'manual',
    headers: { ...(init.headers as Record<string, string>), cookie: cookieHeader(jar, url) },
  });
  remember(jar, url, res);
  return res;
}

export type EidAs = 'citizen' | 'business' | 'caseworker' | 'operator';

// The login's last answer: the registry's session cookie, or the status and body it refused with.
export async function eidTestLoginOutcome(
  registryUrl: string,
  user: string,
  as: EidAs,
): Promise<{ cookie: string | null; status: number; body: string }> {
  const jar: Jar = new Map();
  let url = new URL(`/eid/login?as=${as}`, registryUrl);
  let res = await step(jar, url);
  for (let hops = 0; hops < 12; hops++) {
    if (res.status >= 300 && res.status < 400) {
      url = new URL(res.headers.get('location') ?? '', url);
      res = await step(jar, url);
      continue;
    }
    if (res.status === 200 && url.pathname.startsWith('/interaction/')) {
      await res.text();
      url = new URL(`${url.pathname}/login`, url);
      res = await step(jar, url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ user }).toString(),
      });
      continue;
    }
    break;
  }
  const cookie = jar.get(new URL(registryUrl).host)?.get('nk_session') ?? null;
  return { cookie, status: res.status, body: await res.text() };
}

export async function eidTestLogin(registryUrl: string, user: string, as: EidAs): Promise<EidTestSession> {
  const { cookie, status, body: text } = await eidTestLoginOutcome(registryUrl, user, as);
  if (!cookie) throw new Error(`login as ${user} was refused with ${status}: ${text}`);
  const session = await fetch(new URL('/eid/session', registryUrl), {
    headers: { cookie: `nk_session=${cookie}` },
  });
  const body = (await session.json()) as { csrfToken: string; role: string };
  return { cookie: `nk_session=${cookie}`, csrfToken: body.csrfToken, role: body.role };
}
