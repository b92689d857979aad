import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';

const ASSETS: Record<string, string> = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
};
const files = new Map(
  Object.keys(ASSETS).map((name) => [name, readFileSync(join(__dirname, 'assets', name))]),
);

// The browser pages for citizens, businesses, caseworkers and operators: static files only (the
// data comes from the JSON API after an eID login), with a content security policy that allows
// no script but the page's own.
@ApiExcludeController()
@Controller('ui')
export class UiController {
  @Get()
  index(@Res() res: ServerResponse): void {
    send(res, 'index.html');
  }

  @Get(':file')
  asset(@Param('file') file: string, @Res() res: ServerResponse): void {
    send(res, Object.prototype.hasOwnProperty.call(ASSETS, file) ? file : 'index.html');
  }
}

function send(res: ServerResponse, name: string): void {
  res.writeHead(200, {
    'content-type': ASSETS[name] ?? 'text/plain',
    'content-security-policy':
      "default-src 'self'; script-src 'self'; style-src 'self'; frame-ancestors 'none'; form-action 'self'",
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    'cache-control': 'no-cache',
  });
  res.end(files.get(name));
}
