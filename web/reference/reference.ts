// The browsable API reference (P2): Swagger UI, bundled and served from our own origin, rendering
// the OpenAPI 3.1 description the Worker generates from its zod schemas.
import SwaggerUIBundle from 'swagger-ui-dist/swagger-ui-bundle.js';
import 'swagger-ui-dist/swagger-ui.css';

SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#reference',
  // No call to the public validator service: nothing leaves this origin.
  validatorUrl: null,
  deepLinking: false,
  tryItOutEnabled: true,
});
