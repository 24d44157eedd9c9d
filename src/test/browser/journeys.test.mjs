// The journeys of the issue, through the web app in headless Chromium, against a running Lightbox and its local stack.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import {
  api, config, journey, latestCode, launchBrowser, member, nextTotpStep, PASSWORD, png, signInWithPassword, totp, uniqueEmail,
  uploadThroughApi, withLocation,
} from './support.mjs';

const PAGE_SIZE = 24;
let browser;

before(async () => {
  browser = await launchBrowser();
});
after(() => browser?.close());

test('a guest browses the gallery page by page and opens an image', () => journey('guest', browser, async (open) => {
  const tag = Date.now().toString(36);
  const username = `seeder_${tag}`;
  const seeder = await member('seeder', username);
  const palette = [[31, 58, 95], [217, 119, 6], [19, 115, 51], [180, 35, 24], [91, 102, 114], [255, 209, 102]];
  const seed = (index) => uploadThroughApi(seeder.token, {
    title: `Seed ${tag}-${index}`, level: index % 2 ? 'public' : 'protected',
    bytes: png(48, 36, palette[index % palette.length], palette[(index + 2) % palette.length]),
  });
  // Two at a time (the service lets one user stream two uploads at once); the last one alone, so that it is the newest.
  for (let index = 0; index < PAGE_SIZE + 1; index += 2) {
    await Promise.all([0, 1].map((offset) => index + offset).filter((each) => each < PAGE_SIZE + 1).map(seed));
  }
  await seed(PAGE_SIZE + 1);
  await api('PATCH', `/api/images/${(await api('GET', `/api/images?owner=${seeder.id}&limit=1`)).body.items[0].id}`,
    { token: seeder.token, body: { description: 'The newest of the seeded images.' } });

  // The worker makes each image's variants within seconds of its upload; the newest one is done last.
  const newest = (await api('GET', `/api/images?owner=${seeder.id}&limit=1`)).body.items[0].id;
  for (let waited = 0; !(await api('GET', `/api/images/${newest}`)).body.variants.length; waited += 250) {
    assert.ok(waited < 30_000, 'variants are made within 30 s');
    await new Promise((resolve) => { setTimeout(resolve, 250); });
  }

  const page = await open();
  const firstImage = page.locator('.grid img').first();
  await firstImage.waitFor();
  const thumb = (await api('GET', `/api/images/${newest}`)).body.variants.find((variant) => variant.name === 'thumb');
  assert.equal(new URL(await firstImage.getAttribute('src')).pathname, new URL(thumb.url).pathname,
    'the gallery shows the thumbnail, not the original');
  assert.match(await firstImage.getAttribute('style') ?? '', /background-color/, 'the placeholder colour fills the tile while it loads');
  const shownAt = await page.evaluate(() => new Promise((resolve) => {
    const shown = () => [...document.querySelectorAll('.grid img')].slice(0, 6).every((image) => image.complete && image.naturalWidth > 0);
    const check = () => (shown() ? resolve(performance.now()) : requestAnimationFrame(check));
    check();
  }));
  const timing = await page.evaluate(() => performance.getEntriesByType('navigation')[0].toJSON());
  console.log(`Gallery: first row of images shown ${Math.round(shownAt)} ms after navigation started `
    + `(DOMContentLoaded ${Math.round(timing.domContentLoadedEventEnd)} ms)`);
  if (config.readmeScreenshot) await page.screenshot({ path: config.readmeScreenshot });

  assert.equal(await page.locator('.grid li').count(), PAGE_SIZE, 'the first page holds one page of images');
  assert.equal(await firstImage.getAttribute('alt'), `Seed ${tag}-25`);
  assert.equal(await page.getByRole('link', { name: 'Upload' }).count(), 0, 'a guest cannot upload');
  await page.getByRole('button', { name: 'More images' }).scrollIntoViewIfNeeded();
  await page.waitForFunction((count) => document.querySelectorAll('.grid li').length > count, PAGE_SIZE);

  // By keyboard: the skip link, then the first tile, with a visible focus ring, opened with Enter.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.querySelector('img')?.alt), `Seed ${tag}-25`);
  assert.equal(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), 'solid');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: `Seed ${tag}-25` }).waitFor();
  const facts = await page.locator('.facts').innerText();
  assert.match(facts, new RegExp(`@${username}`));
  assert.match(facts, /48 × 36 pixels/);
  assert.match(facts, /\d+ B/);
  assert.match(await page.locator('figcaption').innerText(), /newest of the seeded/);
  await page.waitForFunction(() => document.querySelector('.large img').naturalWidth === 48);
  assert.match(new URL(await page.locator('.large img').getAttribute('src')).pathname, /\.display$/, 'one image is shown at the display size');

  // The same on a phone: one journey through the pages a guest sees, with the tiles in two columns.
  const phone = await open({ width: 390, height: 844 });
  await phone.locator('.grid img').first().waitFor();
  const columns = await phone.evaluate(() => getComputedStyle(document.querySelector('.grid')).gridTemplateColumns.split(' ').length);
  assert.equal(columns, 2);
  assert.deepEqual([...page.problems, ...phone.problems], []);
}));

test('a person signs up, confirms, uploads two images with progress, changes a level and deletes one', () => journey('member', browser, async (open) => {
  const email = uniqueEmail('web-member');
  const username = `member_${Date.now().toString(36)}`;
  const page = await open();
  await page.getByRole('link', { name: 'Sign up' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Name').fill('Robin Member');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign up' }).click();

  await page.getByRole('heading', { name: 'Confirm your email' }).waitFor();
  assert.equal(await page.getByLabel('Email', { exact: true }).inputValue(), email);
  await page.getByLabel('Code from the email').fill(await latestCode(email, 'sign-up'));
  await page.getByRole('button', { name: 'Confirm' }).click();

  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Choose your username' }).waitFor();
  await page.getByLabel('Username').fill(username);
  await page.getByRole('button', { name: 'Save username' }).click();
  await page.getByText(`@${username}`, { exact: true }).waitFor();

  await page.getByRole('link', { name: 'Upload' }).click();
  // Slow the link down so that each file's progress is seen between empty and full.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 2_000_000 });
  await page.getByLabel('Choose images').setInputFiles([
    { name: 'harbour.png', mimeType: 'image/png', buffer: png(1200, 900, [31, 58, 95], [255, 209, 102], true) },
    { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('these are notes, not an image\n') },
  ]);
  // The second image arrives by drag and drop.
  const dropped = png(360, 240, [19, 115, 51], [217, 119, 6], true).toString('base64');
  await page.locator('.drop-zone').evaluate((zone, base64) => {
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'meadow.png', { type: 'image/png' }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, dropped);
  await page.evaluate(() => {
    window.progressSeen = [];
    new MutationObserver((changes) => changes.forEach((change) => window.progressSeen.push(Number(change.target.value))))
      .observe(document.querySelector('.uploads'), { subtree: true, attributeFilter: ['value'] });
  });
  const entries = page.locator('.upload');
  await entries.nth(2).getByLabel('Description').fill('Green fields at dusk');
  await page.getByRole('button', { name: 'Upload 3 images' }).click();

  await entries.nth(0).getByText('Uploaded.').waitFor();
  await entries.nth(2).getByText('Uploaded.').waitFor();
  const refused = await entries.nth(1).getByRole('alert').innerText();
  assert.match(refused, /^Not uploaded: .*(type|image)/i, 'a refused file shows the problem detail');
  const seen = await page.evaluate(() => window.progressSeen);
  assert.ok(seen.some((value) => value > 0 && value < 100), `progress between empty and full was shown: ${seen}`);
  assert.deepEqual(await entries.evaluateAll((items) => items.map((item) => item.querySelector('progress'))
    .map((bar) => (bar.hidden ? 'hidden' : bar.value))), [100, 'hidden', 100]);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await page.getByRole('link', { name: 'My images' }).click();
  const cards = page.locator('.card');
  await cards.nth(1).waitFor();
  assert.equal(await cards.count(), 2);
  const usage = page.locator('.usage');
  await page.locator('.usage', { hasText: / · 2 of 1000 images$/ }).waitFor();
  assert.match(await usage.innerText(), /^Using \d+(\.\d)? (KB|MB) of 1\.0 GB · 2 of 1000 images$/, 'usage and quota are shown');
  const meadow = cards.filter({ hasText: 'meadow.png' });
  assert.equal(await meadow.getByLabel('Who can see it').inputValue(), 'private', 'new images are private unless chosen');
  await meadow.getByLabel('Who can see it').selectOption('public');
  await meadow.getByRole('button', { name: 'Save' }).click();
  await meadow.getByText('Saved.').waitFor();

  const harbour = cards.filter({ hasText: 'harbour.png' });
  await harbour.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  assert.match(await dialog.innerText(), /Delete “harbour”\?/);
  await dialog.getByRole('button', { name: 'Delete image' }).click();
  await harbour.waitFor({ state: 'detached' });
  await page.locator('.usage', { hasText: / · 1 of 1000 images$/ }).waitFor();

  await page.reload();
  await cards.first().waitFor();
  assert.equal(await cards.count(), 1);
  assert.equal(await cards.first().getByLabel('Who can see it').inputValue(), 'public', 'the level change was kept');
  assert.equal(await cards.first().getByLabel('Description').inputValue(), 'Green fields at dusk');
  assert.ok(await page.getByRole('button', { name: 'Sign out' }).isVisible(), 'a reload keeps the tab signed in');

  // A guest now sees the public image in the gallery.
  const guest = await open();
  await guest.locator('.grid img[alt="meadow"]').first().waitFor();
  assert.deepEqual([...page.problems, ...guest.problems], []);
}));

test('a member signs in with a one-time code from their email', () => journey('passwordless', browser, async (open) => {
  const { email } = await member('web-passwordless');
  const page = await open();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Email me a sign-in code instead' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByLabel('Code').waitFor();
  const code = await latestCode(email, 'passwordless');
  await page.getByLabel('Code').fill(code === '000000' ? '111111' : '000000');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/That code is wrong\. 2 attempts left\./).waitFor();
  await page.getByLabel('Code').fill(code);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Choose your username' }).waitFor();
  assert.ok(await page.getByText(email).isVisible(), 'the header shows who is signed in');
  assert.deepEqual(page.problems, []);
}));

test('an admin disables a user, then deletes them and their images', () => journey('admin', browser, async (open) => {
  const target = await member('web-target', `target_${Date.now().toString(36)}`);
  const image = await uploadThroughApi(target.token, { title: 'Target picture', level: 'public', bytes: png(20, 20, [0, 0, 0], [255, 255, 255]) });
  const page = await open();
  await signInWithPassword(page, config.adminEmail, config.adminPassword);
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByLabel('Email starts with').fill(target.email);
  await page.getByRole('button', { name: 'Search' }).click();
  const entry = page.locator('.user').filter({ hasText: target.email });
  await entry.locator('summary').click();
  await entry.getByRole('button', { name: 'Disable' }).click();
  await entry.getByText('Disabled and signed out everywhere.').waitFor();
  assert.match(await entry.locator('summary').innerText(), /disabled/);
  const signIn = await api('POST', '/api/auth/sign-in', { body: { email: target.email, password: PASSWORD } });
  assert.equal(signIn.body.code, 'auth.user_disabled');

  await entry.getByRole('button', { name: 'Delete user' }).click();
  const dialog = page.getByRole('dialog');
  assert.match(await dialog.innerText(), /account, their profile \(@target_\w+\) and 1 image they shared/);
  await dialog.getByRole('button', { name: 'Delete user' }).click();
  await entry.getByText(`${target.email} was deleted.`).waitFor();
  assert.equal((await api('GET', `/api/images/${image.id}`)).status, 404);
  assert.deepEqual(page.problems, []);
}));

test('a member resets a forgotten password, signs in with it and signs out', () => journey('forgot-password', browser, async (open) => {
  const { email } = await member('web-forgetful');
  const newPassword = 'Calm-Orchard-58';
  const page = await open();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Forgot your password?' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByRole('button', { name: 'Email me a code' }).click();
  await page.getByLabel('Code from the email').fill(await latestCode(email, 'forgot-password'));
  await page.getByLabel('New password').fill(newPassword);
  await page.getByRole('button', { name: 'Set new password' }).click();

  await page.getByText('Your password is changed. Sign in with it.').waitFor();
  await page.getByLabel('Password').fill(newPassword);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You are signed out.').waitFor();
  await page.reload();
  await page.getByRole('link', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'no token is left in the tab');
  assert.deepEqual(page.problems, []);
}));

test('a member turns on two-step sign-in with an authenticator app, then signs in with its code', () => journey('mfa', browser, async (open) => {
  const { email } = await member('web-mfa', `mfa_${Date.now().toString(36)}`);
  const page = await open();
  await signInWithPassword(page, email, PASSWORD);
  await page.getByRole('link', { name: 'Security' }).click();
  await page.getByRole('button', { name: 'Set up an authenticator app' }).click();
  const secret = (await page.getByLabel('Setup key').innerText()).replace(/\s/g, '');
  assert.match(await page.getByRole('link', { name: 'open it in the app on this device' }).getAttribute('href'), /^otpauth:\/\/totp\/Lightbox:/);
  await page.getByLabel('Code the app shows').fill(totp(secret));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await page.getByText('Two-step sign-in is on: after your password').waitFor();

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('You are signed out.').waitFor();
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = page.getByLabel('Code from your authenticator app');
  await code.fill(totp(secret, Math.floor(Date.now() / 30_000) + 7));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await page.getByText('That code is wrong.').waitFor();
  await code.fill(totp(secret, await nextTotpStep()));
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  assert.deepEqual(page.problems, []);
}));

test('an owner shares a private image with a person and by a link, then withdraws both', () => journey('sharing', browser, async (open) => {
  const tag = Date.now().toString(36);
  const owner = await member('sharer', `sharer_${tag}`);
  const friendName = `friend_${tag}`;
  const friend = await member('friend', friendName);
  const image = await uploadThroughApi(owner.token, { title: `X-ray ${tag}`, level: 'private', bytes: png(40, 30, [20, 20, 20], [230, 230, 230]) });

  const page = await open();
  await signInWithPassword(page, owner.email, PASSWORD);
  await page.goto(`/#/image/${image.id}`);
  const sharing = page.getByRole('region', { name: 'Sharing' });
  await sharing.getByText('Not shared with anyone.').waitFor();
  await sharing.getByLabel('Username or group').fill(`@${friendName}`);
  await sharing.getByRole('button', { name: 'Share', exact: true }).click();
  await sharing.getByRole('list', { name: 'Shared with' }).getByText(`@${friendName}`).waitFor();

  await sharing.getByLabel('Works for').selectOption('3600');
  await sharing.getByLabel('Opens at most').fill('5');
  await sharing.getByRole('button', { name: 'Create link' }).click();
  const address = await sharing.getByRole('textbox', { name: 'New link' }).inputValue();
  assert.match(address, /\/#\/link\/[A-Za-z0-9_-]{64}$/);
  await sharing.getByRole('list', { name: 'Links' }).getByText(/active · until .* · 0 of 5 opens/).waitFor();

  // The friend finds it under "Shared with me" and opens it.
  const friendPage = await open();
  await signInWithPassword(friendPage, friend.email, PASSWORD);
  await friendPage.getByRole('link', { name: 'Shared with me' }).click();
  await friendPage.getByRole('link', { name: `X-ray ${tag}` }).click();
  await friendPage.getByRole('heading', { name: `X-ray ${tag}` }).waitFor();
  await friendPage.waitForFunction(() => document.querySelector('.large img')?.naturalWidth === 40);
  assert.equal(await friendPage.getByRole('region', { name: 'Sharing' }).count(), 0, 'a grantee does not manage shares');

  // Someone without an account opens the link.
  const guest = await open();
  await guest.goto(address);
  await guest.getByRole('heading', { name: `X-ray ${tag}` }).waitFor();
  await guest.waitForFunction(() => document.querySelector('.large img')?.naturalWidth === 40);
  assert.match(await guest.locator('main').innerText(), /4 more opens/);

  // The owner revokes the link and stops sharing with the friend.
  await page.reload();
  const links = page.getByRole('list', { name: 'Links' });
  await links.getByText(/1 of 5 opens/).waitFor();
  await links.getByRole('button', { name: /^Revoke/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes' }).click();
  await links.getByText(/revoked/).waitFor();
  await page.getByRole('button', { name: `Stop sharing with @${friendName}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Yes' }).click();
  await page.getByText('Not shared with anyone.').waitFor();

  await guest.reload();
  await guest.getByRole('heading', { name: 'This link does not open' }).waitFor();
  await friendPage.getByRole('link', { name: 'Shared with me' }).click();
  await friendPage.getByText('No images yet.').waitFor();
  assert.deepEqual([...page.problems, ...friendPage.problems, ...guest.problems], []);
}));

test('a member uploads a photo taken with location on, and the image page says the location was removed', () => journey('metadata', browser, async (open) => {
  const tag = Date.now().toString(36);
  const hiker = await member('hiker', `hiker_${tag}`);
  const photo = withLocation(png(64, 48, [31, 58, 95], [255, 209, 102]));
  const page = await open();
  await signInWithPassword(page, hiker.email, PASSWORD);
  await page.getByRole('link', { name: 'Upload' }).click();
  await page.getByLabel('Choose images').setInputFiles([{ name: 'summit.png', mimeType: 'image/png', buffer: photo }]);
  await page.getByRole('button', { name: 'Upload 1 image' }).click();
  await page.locator('.upload').first().getByText('Uploaded.').waitFor();

  await page.getByRole('link', { name: 'My images' }).click();
  await page.locator('.card a').first().click();
  await page.getByRole('heading', { name: 'summit' }).waitFor();
  assert.equal(await page.locator('.facts dt:has-text("Metadata") + dd').innerText(), 'Location and camera details removed');
  await page.waitForFunction(() => document.querySelector('figure.large img')?.naturalWidth === 64);
  const original = await page.getByRole('link', { name: 'Open the original' }).getAttribute('href');
  const stored = Buffer.from(await (await fetch(original)).arrayBuffer());
  assert.equal(stored.length, photo.length - (12 + 80), 'the stored file is the upload without its eXIf chunk');
  const shown = Buffer.from(await (await fetch(await page.locator('figure.large img').getAttribute('src'))).arrayBuffer());
  for (const served of [stored, shown]) {
    assert.ok(!served.includes('eXIf') && !served.includes('Exif'), 'what the browser downloads carries no Exif');
  }
  assert.deepEqual(page.problems, []);
}));
