import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppModule } from '../../src/app.module';
import { Agency } from '../../src/directory/agency.entity';
import { AppUser } from '../../src/directory/app-user.entity';

/** AppModule with the directory entities registered, for tests that build actors with makeActor. */
@Module({ imports: [AppModule, TypeOrmModule.forFeature([Agency, AppUser])] })
export class AppWithDirectoryEntities {}
