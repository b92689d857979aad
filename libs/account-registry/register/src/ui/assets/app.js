// NemKonto's browser pages: one page, the parts shown depend on who logged in. Everything goes
// through the registry's JSON API with the session cookie and the CSRF token; every value from
// the server is put in the page as text (never as HTML).
'use strict';
(() => {
  let csrf = '';
  const $ = (id) => document.getElementById(id);
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  };
  const say = (text, error) => {
    $('message').textContent = text;
    $('message').className = error ? 'error' : '';
  };
  const api = async (method, path, body) => {
    const res = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.message || `HTTP ${res.status}`);
    return data;
  };
  const accountText = (a) =>
    a.kind === 'DK'
      ? `${a.regNo} ${a.accountNo}`
      : `${a.iban || a.accountNo} ${a.bic || ''} (${a.country}, ${a.currency})`;
  const table = (head, rows) => {
    const t = el('table');
    const tr = el('tr');
    head.forEach((h) => tr.appendChild(el('th', h)));
    t.appendChild(tr);
    rows.forEach((r) => {
      const row = el('tr');
      r.forEach((c) => row.appendChild(el('td', c ?? '')));
      t.appendChild(row);
    });
    return t;
  };
  const form = (id) => Object.fromEntries(new FormData($(id)).entries());
  const clear = (id) => {
    const n = $(id);
    while (n.firstChild) n.removeChild(n.firstChild);
    return n;
  };

  async function showCitizen() {
    const o = await api('GET', '/self-service/overview');
    const inforce = clear('inforce');
    if (o.nemkontoInForce) {
      const c = el('div', undefined, 'card');
      c.appendChild(el('strong', `NemKonto: ${accountText(o.nemkontoInForce.account)}`));
      c.appendChild(el('div', `Gælder fra ${o.nemkontoInForce.effectiveFrom}`));
      if (o.nemkontoInForce.flagged)
        c.appendChild(el('div', `Banken har afvist kontoen: ${o.nemkontoInForce.flagged}`, 'flag'));
      inforce.appendChild(c);
    } else inforce.appendChild(el('p', 'Du har ingen NemKonto.'));
    if (o.endMarkedFrom) inforce.appendChild(el('p', `Ophørsmarkeret fra ${o.endMarkedFrom}`, 'flag'));
    const pending = clear('pending');
    o.pending.forEach((p) => {
      const c = el('div', undefined, 'card pending');
      c.appendChild(el('strong', `Venter på aktivering: ${accountText(p.account)}`));
      c.appendChild(el('div', `Koden gælder til ${String(p.activationValidUntil).slice(0, 10)}`));
      pending.appendChild(c);
    });
    const benefits = clear('benefits');
    if (o.benefitAccounts.length === 0) benefits.appendChild(el('p', 'Ingen.'));
    o.benefitAccounts.forEach((b) => {
      const c = el('div', undefined, 'card');
      c.appendChild(el('div', `${b.authorityId} / ${b.benefitType}: ${accountText(b.account)} (${b.state})`));
      const remove = el('button', 'Fjern');
      remove.addEventListener('click', () =>
        api('POST', '/self-service/benefit-accounts/remove', {
          authorityId: b.authorityId,
          benefitType: b.benefitType,
        })
          .then(() => (say('Fjernet.'), showCitizen()))
          .catch((e) => say(e.message, true)),
      );
      c.appendChild(remove);
      benefits.appendChild(c);
    });
    const payers = clear('payers');
    payers.appendChild(
      o.privatePayerLookups.length === 0
        ? el('p', 'Ingen private udbetalere har slået din NemKonto op.')
        : table(
            ['Udbetaler', 'Tidspunkt', 'Svar'],
            o.privatePayerLookups.map((l) => [l.payerName, l.at, l.outcome]),
          ),
    );
    const opted = o.privatePayerOptOut.optedOut;
    payers.appendChild(
      el(
        'p',
        opted
          ? `Du har fravalgt private udbetalere (siden ${o.privatePayerOptOut.since}).`
          : 'Private udbetalere med aftale kan slå din NemKonto op.',
      ),
    );
    const toggle = el('button', opted ? 'Tillad private udbetalere igen' : 'Fravælg private udbetalere');
    toggle.addEventListener('click', () =>
      api('POST', '/self-service/private-payers/opt-out', { optOut: !opted })
        .then(() => (say('Gemt.'), showCitizen()))
        .catch((e) => say(e.message, true)),
    );
    payers.appendChild(toggle);
    clear('changes').appendChild(
      table(
        ['Tidspunkt', 'Ændring', 'Kanal', 'Begrundelse'],
        o.changes.map((c) => [c.at, c.action, c.channel, c.reason]),
      ),
    );
  }

  function account(f) {
    return f.kind === 'FOREIGN'
      ? {
          kind: 'FOREIGN',
          iban: f.iban || null,
          accountNo: null,
          bankCode: null,
          bic: f.bic || null,
          country: f.country,
          currency: f.currency,
          bankName: f.bankName || null,
        }
      : { kind: 'DK', regNo: f.regNo, accountNo: f.accountNo };
  }

  function wire() {
    $('assign').addEventListener('change', () => {
      const foreign = form('assign').kind === 'FOREIGN';
      document.querySelector('#assign .dk').hidden = foreign;
      document.querySelector('#assign .foreign').hidden = !foreign;
    });
    $('assign').addEventListener('submit', (e) => {
      e.preventDefault();
      api('POST', '/self-service/nemkonto', { account: account(form('assign')) })
        .then(() => (say('Anmeldt. Du får et aktiveringsbrev med posten.'), showCitizen()))
        .catch((err) => say(err.message, true));
    });
    $('activate').addEventListener('submit', (e) => {
      e.preventDefault();
      api('POST', '/self-service/activation', { code: form('activate').code })
        .then((r) => (say(`Aktiveret. Gælder fra ${r.effectiveFrom}.`), showCitizen()))
        .catch((err) => say(err.message, true));
    });
    $('cw-assign').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = form('cw-assign');
      const body = {
        party: { kind: f.partyKind, value: f.partyValue },
        account: { kind: 'DK', regNo: f.regNo, accountNo: f.accountNo },
        reason: f.reason,
      };
      const path = f.benefitType ? '/authority/benefit-accounts' : '/authority/nemkonti';
      api('POST', path, f.benefitType ? { ...body, benefitType: f.benefitType } : body)
        .then((r) => (say(`Anvist (${r.state}). Modtageren får et aktiveringsbrev.`), $('cw-assign').reset()))
        .catch((err) => say(err.message, true));
    });
    $('cw-control').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = form('cw-control');
      window.location.href = `/authority/control-list?from=${encodeURIComponent(f.from)}&to=${encodeURIComponent(f.to)}`;
    });
    $('op-inspect').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = form('op-inspect');
      api('POST', '/operator/parties/inspect', {
        party: { kind: f.partyKind, value: f.partyValue },
        reason: f.reason,
      })
        .then((o) => {
          const out = clear('op-result');
          out.appendChild(
            el('p', `Status: ${o.status}${o.endMarkedFrom ? `, ophørsmarkeret fra ${o.endMarkedFrom}` : ''}`),
          );
          out.appendChild(
            table(
              ['Konto', 'Formål', 'Tilstand', 'Kanal', 'Fra', 'Til', 'Flag'],
              o.history.map((v) => [
                accountText(v.account),
                v.purpose,
                v.state,
                v.channel,
                v.effectiveFrom,
                v.effectiveTo,
                v.flagged,
              ]),
            ),
          );
          out.appendChild(
            table(
              ['Tidspunkt', 'Ændring', 'Aktør', 'Begrundelse'],
              o.changes.map((c) => [c.at, c.action, c.actor, c.reason]),
            ),
          );
          say('Opslaget er logget.');
        })
        .catch((err) => say(err.message, true));
    });
    $('op-search').addEventListener('submit', (e) => {
      e.preventDefault();
      const f = form('op-search');
      api('POST', '/operator/parties/search', {
        account: { kind: 'DK', regNo: f.regNo, accountNo: f.accountNo },
        reason: f.reason,
      })
        .then((r) => {
          clear('op-result').appendChild(
            table(
              ['Part', 'Formål', 'Tilstand', 'Kanal', 'Fra', 'Til'],
              r.hits.map((h) => [
                `${h.party.kind} ${h.party.value}`,
                h.purpose,
                h.state,
                h.channel,
                h.effectiveFrom,
                h.effectiveTo,
              ]),
            ),
          );
          say(`${r.hits.length} fundet; søgningen er logget.`);
        })
        .catch((err) => say(err.message, true));
    });
  }

  async function start() {
    wire();
    const res = await fetch('/eid/session', { credentials: 'same-origin' });
    if (!res.ok) {
      $('login').hidden = false;
      return;
    }
    const s = await res.json();
    csrf = s.csrfToken;
    const who = $('who');
    who.appendChild(el('span', `${s.displayName} `));
    const out = el('button', 'Log af');
    out.addEventListener('click', () => api('POST', '/eid/logout').finally(() => window.location.reload()));
    who.appendChild(out);
    if (s.role === 'CITIZEN') {
      $('citizen').hidden = false;
      await showCitizen();
    } else if (s.role === 'CASEWORKER') $('caseworker').hidden = false;
    else if (s.role === 'OPERATOR') $('operator').hidden = false;
  }

  start().catch((e) => say(e.message, true));
})();
