import { Module } from '@nestjs/common';
import { PlanImporter } from './plan-importer';

/** The importer on the app's CommandBus; the app provides the event store, `UserDirectory` and the command handlers. */
@Module({ providers: [PlanImporter], exports: [PlanImporter] })
export class ImportModule {}
