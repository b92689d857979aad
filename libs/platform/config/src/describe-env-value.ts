// Names whose values are secret whatever they look like.
const SECRET_NAME = /PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY/i;
// Names whose values are URLs, which may carry a user and password.
const URL_NAME = /URL|URI|DSN|ENDPOINT/i;
const MAX_SHOWN = 120;

// How a bad value is quoted in a config error: secrets never, URLs with their password and query
// values masked, anything that will not parse as a URL under a URL name not at all (it may hold a
// password in a shape we cannot take apart).
export function describeEnvValue(name: string, value: string | undefined): string {
  if (value === undefined) return 'but it is not set';
  if (SECRET_NAME.test(name)) return 'got a value (hidden)';
  const looksLikeUrl = URL_NAME.test(name) || /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
  if (!looksLikeUrl) return `got ${quote(value)}`;
  const redacted = redactUrl(value);
  return redacted === undefined ? 'got a value that is not a URL (hidden)' : `got ${quote(redacted)}`;
}

function redactUrl(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.password) url.password = '****';
  for (const key of [...url.searchParams.keys()]) url.searchParams.set(key, '****');
  return url.toString();
}

function quote(value: string): string {
  return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value);
}
