import { TestUser } from './test-users';

const escape = (s: string): string =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

// The login step of the development eID provider: pick a test user (as in MitID's test tool).
export function loginPage(uid: string, clientName: string, users: readonly TestUser[]): string {
  const buttons = users
    .map(
      (u) =>
        `<li><button name="user" value="${escape(u.id)}" type="submit">${escape(u.label)}</button>` +
        ` <small>${escape(u.loa)}</small></li>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="da"><head><meta charset="utf-8"><title>Log på (udvikling)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
ul{list-style:none;padding:0}li{margin:.4rem 0}button{font-size:1rem;padding:.5rem 1rem;min-width:24rem;text-align:left}
.warn{background:#fff3cd;padding:.6rem;border-radius:4px}</style></head>
<body><h1>Log på ${escape(clientName)}</h1>
<p class="warn">Development eID provider: test users only, no real MitID.</p>
<form method="post" action="/interaction/${escape(uid)}/login"><ul>
${buttons}
</ul></form>
<form method="post" action="/interaction/${escape(uid)}/abort"><button type="submit">Annullér</button></form>
</body></html>`;
}
