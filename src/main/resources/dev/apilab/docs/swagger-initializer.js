// Swagger UI for this server: the contract it serves, "Try it out" against the same origin.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    docExpansion: "list",
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    showExtensions: false,
    // Everything comes from this server: no online validator badge, no outside requests.
    validatorUrl: null
  });
});
