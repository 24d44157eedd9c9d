// The gallery everyone can browse, and one image shown large.
import { call, currentUser, isAdmin } from './session.js';
import { confirmAction, describeFailure, formatBytes, formatDate, go, h, heading, messageArea, notify } from './dom.js';
import { sharingPanel } from './share.js';

const PAGE_SIZE = 24;

/** The variant of that name (thumb, display) once the service has made it; null before, or for a GIF's display size. */
function variant(image, name) {
  return image.variants?.find((each) => each.name === name) ?? null;
}

/**
 * An <img> of an image: its {@code size} variant (thumb for lists, display for one image) when there is one, else the
 * original. The placeholder's colour fills the box until the picture covers it. Presigned URLs expire (15 minutes by
 * default), so a failed load asks the service for a fresh URL once before giving up.
 */
export function picture(image, attributes = {}, size = 'thumb') {
  const chosen = variant(image, size) ?? image;
  const element = h('img', {
    src: chosen.url, alt: image.title || image.description || image.filename,
    width: chosen.width, height: chosen.height, decoding: 'async', ...attributes,
  });
  if (image.placeholder) element.style.backgroundColor = image.placeholder.color;
  element.addEventListener('error', async () => {
    const fresh = await call('GET', `/api/images/${image.id}`).catch(() => null);
    const url = fresh && (variant(fresh, size) ?? fresh).url;
    if (url && url !== element.src) element.src = url;
  }, { once: true });
  return element;
}

/**
 * A list that loads one page at a time with the API's cursor: a "More" button that also loads by itself when it
 * scrolls into view. {@code renderItem} returns the element of one image, or null to leave it out.
 */
export function pagedList(path, list, renderItem, signal) {
  const more = h('button', { type: 'button', class: 'secondary more', hidden: true }, 'More images');
  const status = messageArea();
  let cursor = null;
  let loading = false;
  const separator = path.includes('?') ? '&' : '?';

  async function load() {
    if (loading || signal.aborted) return;
    loading = true;
    more.disabled = true;
    status.show('Loading…');
    try {
      const query = `limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await call('GET', `${path}${separator}${query}`);
      if (signal.aborted) return;
      list.append(...page.items.map(renderItem).filter(Boolean));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.show(list.children.length ? '' : 'No images yet.');
    } catch (error) {
      status.show(describeFailure(error), 'error');
    } finally {
      loading = false;
      more.disabled = false;
      // Observing anew reports whether the button is still in view (a tall screen), which loads the next page.
      if (!signal.aborted) {
        observer.unobserve(more);
        observer.observe(more);
      }
    }
  }

  more.addEventListener('click', load);
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) load();
  }, { rootMargin: '200px' });
  signal.addEventListener('abort', () => observer.disconnect());
  load();
  return [status, more];
}

export async function showGallery(main, { signal }) {
  const grid = h('ul', { class: 'grid', 'aria-label': 'Images' });
  main.append(heading('Gallery'), grid, ...pagedList('/api/images', grid, (image) => image.url && h('li', {},
    h('a', { href: `#/image/${image.id}`, class: 'tile' },
      picture(image, { loading: 'lazy' }),
      // The caption repeats the alt text, which already names the link.
      h('span', { class: 'caption', 'aria-hidden': 'true' }, image.title || image.filename))), signal));
}

export async function showImage(main, { argument: id }) {
  let image;
  try {
    image = await call('GET', `/api/images/${encodeURIComponent(id)}`);
  } catch (error) {
    main.append(heading('Image not found'), h('p', {}, describeFailure(error)), h('p', {}, h('a', { href: '#/' }, 'Back to the gallery')));
    return;
  }
  const user = currentUser();
  const message = messageArea();
  const canDelete = user !== null && (user.id === image.ownerId || isAdmin());
  main.append(
    h('p', {}, h('a', { href: '#/' }, '← Gallery')),
    heading(image.title || image.filename),
    // The display size; an animated GIF has none, and shows as uploaded.
    h('figure', { class: 'large' }, image.url ? picture(image, {}, 'display') : h('p', {}, 'This image is still being uploaded.'),
      image.description && h('figcaption', {}, image.description)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Owner'), h('dd', {}, image.ownerUsername ? `@${image.ownerUsername}` : 'A member without a username'),
      h('dt', {}, 'Size'), h('dd', {}, `${formatBytes(image.size)}${image.width ? `, ${image.width} × ${image.height} pixels` : ''}`),
      h('dt', {}, 'Type'), h('dd', {}, image.contentType ?? '—'),
      h('dt', {}, 'Visible to'), h('dd', {}, image.level === 'private' ? 'Its owner, and whom it is shared with' : 'Everyone'),
      h('dt', {}, 'Metadata'), h('dd', {}, describeRemovedMetadata(image.metadataRemoved)),
      h('dt', {}, 'Shared'), h('dd', {}, formatDate(image.createdAt))),
    h('div', { class: 'actions' },
      // The page shows the display size; the file as stored (cleaned of metadata) is one click away.
      image.url && h('a', { href: image.url, target: '_blank', rel: 'noopener' }, 'Open the original'),
      canDelete && h('button', { type: 'button', class: 'danger', onclick: remove }, 'Delete image')),
    message,
    // The owner shares; an admin sees and withdraws shares, as it may delete the image.
    canDelete && image.status === 'ready' && sharingPanel(image, user.id === image.ownerId));

  async function remove() {
    const whose = user.id === image.ownerId ? '' : ` shared by ${image.ownerUsername ? `@${image.ownerUsername}` : 'another member'}`;
    if (!await confirmAction(`Delete “${image.title || image.filename}”${whose}? It is removed for good.`, 'Delete image')) return;
    try {
      await call('DELETE', `/api/images/${image.id}`);
      notify('The image was deleted.');
      go('');
    } catch (error) {
      message.show(describeFailure(error), 'error');
    }
  }
}

/** What the service removed from the file before storing it (the image JSON's metadataRemoved), in a sentence. */
const REMOVED_METADATA = {
  gps: 'location', 'camera-serial': 'camera serial number', exif: 'camera details', xmp: 'editing data (XMP)',
  iptc: 'captions and credits (IPTC)', comment: 'comments', text: 'text notes', other: 'other hidden data',
};

export function describeRemovedMetadata(removed) {
  if (removed == null) return 'Stored as uploaded';
  if (removed.length === 0) return 'None found';
  const names = removed.map((kind) => REMOVED_METADATA[kind] ?? kind);
  const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${list.charAt(0).toUpperCase()}${list.slice(1)} removed`;
}
