// Uploading one or many images, picked or dropped, each with its own title, description, level and progress.
import { upload } from './session.js';
import { describeFailure, field, formatBytes, h, heading, levelSelect } from './dom.js';

const ACCEPTED_TYPES = 'image/jpeg,image/png,image/gif,image/webp';

export function showUpload(main, { signal }) {
  const list = h('ol', { class: 'uploads', 'aria-label': 'Files to upload' });
  const picker = h('input', { type: 'file', multiple: true, accept: ACCEPTED_TYPES, name: 'files' });
  const drop = h('div', { class: 'drop-zone' },
    h('p', {}, 'Drop images here, or'),
    field('Choose images', picker, 'JPEG, PNG, GIF or WebP. You can pick several at once.'));
  const start = h('button', { type: 'button', hidden: true, onclick: uploadAll }, 'Upload');
  const entries = [];

  picker.addEventListener('change', () => {
    add(picker.files);
    picker.value = '';
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('dragging');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    add(event.dataTransfer.files);
  });
  signal.addEventListener('abort', () => entries.forEach((entry) => URL.revokeObjectURL(entry.preview)));

  function add(files) {
    for (const file of files) {
      const entry = fileEntry(file, () => {
        entries.splice(entries.indexOf(entry), 1);
        refreshButton();
      });
      entries.push(entry);
      list.append(entry.element);
    }
    refreshButton();
  }

  function refreshButton() {
    const waiting = entries.filter((entry) => entry.state === 'waiting').length;
    start.hidden = waiting === 0;
    start.textContent = waiting === 1 ? 'Upload 1 image' : `Upload ${waiting} images`;
  }

  async function uploadAll() {
    start.disabled = true;
    // One at a time: each gets the whole connection, and the service limits concurrent uploads anyway.
    for (const entry of entries.filter((candidate) => candidate.state === 'waiting')) {
      await entry.send();
    }
    start.disabled = false;
    refreshButton();
  }

  main.append(heading('Upload images'), drop, list, start);
}

/** One file: its preview, its fields, and what happened to it. */
function fileEntry(file, onRemove) {
  const preview = URL.createObjectURL(file);
  const title = h('input', { name: 'title', type: 'text', maxlength: 200, value: file.name.replace(/\.[^.]+$/, '') });
  const description = h('textarea', { name: 'description', rows: 2, maxlength: 2000 });
  const level = levelSelect();
  const progress = h('progress', { max: 100, value: 0, 'aria-label': `Upload progress of ${file.name}` });
  const outcome = h('p', { class: 'message', role: 'status' });
  const remove = h('button', { type: 'button', class: 'secondary' }, 'Remove');
  const element = h('li', { class: 'upload' },
    h('img', { src: preview, alt: '', class: 'preview' }),
    h('fieldset', {}, h('legend', {}, `${file.name} (${formatBytes(file.size)})`),
      field('Title', title), field('Description', description), field('Who can see it', level),
      progress, outcome, remove));
  const entry = { element, preview, state: 'waiting', send };

  remove.addEventListener('click', () => {
    URL.revokeObjectURL(preview);
    element.remove();
    onRemove();
  });

  async function send() {
    entry.state = 'sending';
    [title, description, level, remove].forEach((control) => { control.disabled = true; });
    outcome.textContent = 'Uploading…';
    try {
      const image = await upload(file, { level: level.value, title: title.value.trim(), description: description.value.trim() },
        (fraction) => { progress.value = Math.round(fraction * 100); });
      entry.state = 'done';
      progress.value = 100;
      outcome.replaceChildren('Uploaded. ', h('a', { href: `#/image/${image.id}` }, 'View it'), '.');
      outcome.dataset.kind = 'success';
    } catch (error) {
      entry.state = 'failed';
      progress.hidden = true;  // the bytes may all have been sent, but the image was not taken
      outcome.setAttribute('role', 'alert');
      outcome.textContent = `Not uploaded: ${describeFailure(error)}`;
      outcome.dataset.kind = 'error';
      remove.disabled = false;
    }
  }
  return entry;
}
