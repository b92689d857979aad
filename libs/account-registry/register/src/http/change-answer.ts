import { ConflictException, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { ChangeResult } from '../usecases/register-account.usecase';

// A register change's result as HTTP: success as is, a stale version 409, an ended party 422,
// nothing to close 404; each with its code.
export function changeAnswer(result: ChangeResult): ChangeResult {
  if (result.ok) return result;
  switch (result.code) {
    case 'VERSION_CONFLICT':
      throw new ConflictException({ statusCode: 409, ...result });
    case 'PARTY_ENDED':
      throw new UnprocessableEntityException({ statusCode: 422, ...result });
    case 'NOTHING_TO_CLOSE':
      throw new NotFoundException({ statusCode: 404, ...result });
  }
}
