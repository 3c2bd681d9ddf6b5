import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { useBodyParsers } from './body-parsing';
import { answerMalformedRequests } from './malformed-requests';

/** Body parsing, answers to malformed requests, the OpenAPI document and Swagger UI: everything `main` and the tests share. */
export function configureApp(app: INestApplication): OpenAPIObject {
  answerMalformedRequests(app);
  useBodyParsers(app);
  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('actionplans')
    .setDescription('Improvement action plans, their actions, evidence and evidence challenge panel sign-off. '
      + 'Every change is an event; errors are application/problem+json.')
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'personal API token', description: 'A personal API token from `actionplans users add`.' })
    .build());
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return document;
}
