// Starts the bundled Swagger UI on this server's own API document (served from a file, not inline, so the page's
// Content-Security-Policy can forbid inline scripts).
window.addEventListener('load', function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis]
  });
});
