import { maskCprInText } from './mask-personal-data';

interface LoggedRequest {
  readonly id?: unknown;
  readonly method?: string;
  readonly url?: string;
  readonly originalUrl?: string;
}

interface LoggedResponse {
  readonly statusCode?: number;
}

// Requests are logged as id, method and path: no query string (queries could carry identifiers),
// no headers (authorization, cookies). pino-http hands these its own serialised request; a plain
// logger hands them the IncomingMessage; both have the fields read here.
export const httpLogSerializers = {
  req: (req: LoggedRequest): Record<string, unknown> => {
    const url = req.originalUrl ?? req.url ?? '';
    const query = url.indexOf('?');
    return {
      id: typeof req.id === 'string' ? maskCprInText(req.id) : req.id,
      method: req.method,
      path: maskCprInText(query === -1 ? url : url.slice(0, query)),
    };
  },
  res: (res: LoggedResponse): Record<string, unknown> => ({ statusCode: res.statusCode }),
};
