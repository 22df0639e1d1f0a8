import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'caseworker.gt@demo.enlace.org' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'Enlace-Demo-2026!' })
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({
    description: 'At least 12 characters, 3 of lower/upper/digit/symbol, not containing the email.',
  })
  @IsString()
  @MaxLength(1024)
  newPassword: string;
}

export class ActivateDto {
  @ApiProperty({ description: 'The activation token handed over by an administrator or approver' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token: string;

  @ApiProperty({
    description:
      'The new password: at least 12 characters, 3 of lower/upper/digit/symbol, not containing the email.',
  })
  @IsString()
  @MaxLength(1024)
  password: string;
}

export class TokenPairDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ enum: ['Bearer'] }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty() refreshToken: string;
}
