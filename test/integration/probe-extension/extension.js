// Test-only extension (see package.json): hands its ExtensionContext's SecretStorage and mode to the
// integration tests, which have no ExtensionContext of their own.
exports.activate = (context) => ({
  secrets: context.secrets,
  extensionMode: context.extensionMode,
});
exports.deactivate = () => {};
