import { Body, Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import { ReferralInboundService } from './referral-inbound.service';

@ApiTags('referrals')
@Controller('api/v1/referrals/inbound')
export class ReferralInboundController {
  constructor(private readonly inbound: ReferralInboundService) {}

  /** Public (no bearer token): authenticated by the agency's HMAC signature instead. */
  @Public()
  @Post('status')
  @HttpCode(200)
  @ApiSecurity({})
  @ApiOperation({
    summary: 'Status update from an external agency (signed; see docs/referrals.md)',
    description:
      'Body: {referralId, status: accepted|rejected|in_progress|completed, reason?, outcome?, externalReference?}. ' +
      'Signature: X-Enlace-Signature = v1=hex(HMAC-SHA256(secret, X-Enlace-Timestamp + "." + raw body)).',
  })
  @ApiHeader({ name: 'X-Enlace-Agency', required: true, description: 'The external agency id' })
  @ApiHeader({
    name: 'X-Enlace-Timestamp',
    required: true,
    description: 'Unix seconds; at most 5 minutes old',
  })
  @ApiHeader({ name: 'X-Enlace-Signature', required: true, description: 'v1=<hex hmac-sha256>' })
  receive(
    @Headers('x-enlace-agency') agency: string | undefined,
    @Headers('x-enlace-timestamp') timestamp: string | undefined,
    @Headers('x-enlace-signature') signature: string | undefined,
    @Req() req: { rawBody?: Buffer },
    // Validated by the service after the signature check, so unsigned requests learn nothing.
    @Body() body: Record<string, unknown>,
  ) {
    return this.inbound.receive({ agency, timestamp, signature }, req.rawBody, body);
  }
}
