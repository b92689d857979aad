import { EID_SCOPE } from '@nemkonto/contracts';
import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import * as oidc from 'openid-client';
import { EID_SETTINGS, EidSettings } from './eid.settings';

export interface LoginStart {
  readonly url: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
}

// The registry as an OpenID Connect relying party of the eID broker (openid-client):
// authorization code flow with PKCE, state and nonce; the ID token's signature, issuer,
// audience, expiry and nonce are checked by the library.
@Injectable()
export class EidClient {
  private config?: Promise<oidc.Configuration>;

  constructor(@Inject(EID_SETTINGS) private readonly settings: EidSettings) {}

  async start(): Promise<LoginStart> {
    const config = await this.configuration();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: EID_SCOPE,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.toString(), state, nonce, codeVerifier };
  }

  // The ID token's claims after the provider called back with a code.
  async finish(
    callback: URL,
    login: { state: string; nonce: string; codeVerifier: string },
  ): Promise<Record<string, unknown>> {
    const config = await this.configuration();
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    if (!claims) throw new Error('the eID provider sent no ID token');
    return claims as Record<string, unknown>;
  }

  // Discovery once, retried on the next login if the provider was unreachable.
  private configuration(): Promise<oidc.Configuration> {
    if (!this.config) {
      const { issuer, clientId, clientSecret } = this.settings;
      const insecure = issuer.startsWith('http://');
      this.config = oidc
        .discovery(new URL(issuer), clientId, clientSecret, undefined, {
          execute: insecure ? [oidc.allowInsecureRequests] : [],
        })
        .catch((err: unknown) => {
          this.config = undefined;
          throw new ServiceUnavailableException(`the eID provider is unreachable: ${(err as Error).message}`);
        });
    }
    return this.config;
  }
}
