import { Body, Controller, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AddressInfo } from 'node:net';
import { useBodyParsers } from './http-body';

@Controller('echo')
class EchoController {
  @Post()
  echo(@Body() body: unknown): { keys: number } {
    return { keys: Object.keys(body as object).length };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('useBodyParsers', () => {
  let app: NestExpressApplication;
  let url: string;

  beforeAll(async () => {
    app = await NestFactory.create<NestExpressApplication>(EchoModule, { bodyParser: false, logger: false });
    // A service's own limit (ServiceDefinition.jsonBodyLimit), far below the default.
    useBodyParsers(app, 1024);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/echo`;
  });

  afterAll(async () => {
    await app.close();
  });

  const post = async (body: string, type = 'application/json') => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': type }, body });
    return { status: res.status, text: await res.text() };
  };

  it('takes JSON and form bodies up to the limit', async () => {
    expect(await post(JSON.stringify({ a: 1, b: 'x'.repeat(900) }))).toEqual({
      status: 201,
      text: '{"keys":2}',
    });
    expect(await post('a=1&b=2', 'application/x-www-form-urlencoded')).toEqual({
      status: 201,
      text: '{"keys":2}',
    });
  });

  it('answers a body over the limit 413 BODY_TOO_LARGE, naming the limit', async () => {
    const res = await post(JSON.stringify({ cpr: '0101651001', pad: 'x'.repeat(2000) }));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      code: 'BODY_TOO_LARGE',
      message: 'the request body is larger than 1024 bytes',
    });
  });

  it('answers malformed JSON 400 MALFORMED_JSON without repeating the body', async () => {
    const res = await post('{"cpr":"0101651001"');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({
      code: 'MALFORMED_JSON',
      message: 'the request body is not valid JSON',
    });
    expect(res.text).not.toContain('0101651001');
  });

  it('answers a charset other than UTF-8 415 UNSUPPORTED_CHARSET', async () => {
    const res = await post('{}', 'application/json; charset=ebcdic');
    expect([res.status, (JSON.parse(res.text) as { code: string }).code]).toEqual([
      415,
      'UNSUPPORTED_CHARSET',
    ]);
  });
});
