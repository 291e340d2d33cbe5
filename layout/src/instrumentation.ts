/** At start-up, fetch the podlets' manifests and fallbacks so the first page and nginx's last resort have them. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { podletAssets } = await import('./lib/podlet-manifests');
  void podletAssets();
}
