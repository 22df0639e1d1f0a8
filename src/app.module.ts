import { Module } from '@nestjs/common';
import { PlatformModule } from './platform.module';
import { FEATURE_MODULES } from './feature-modules';

/** The HTTP API: platform plumbing plus every domain module. */
@Module({ imports: [PlatformModule, ...FEATURE_MODULES] })
export class AppModule {}
