// The public REST API, as any client calls it. Failures are ApiErrors carrying the RFC 9457 problem.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `Request failed (${status})`);
    this.status = status;
    this.problem = problem;
    this.code = problem?.code;
  }
}

/** One JSON call; {@code token} is the bearer access token, if any. */
export async function send(method, path, { body, token } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, { detail: 'Lightbox cannot be reached. Check your connection and try again.' });
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * Streams one file to POST /api/images (same origin, so no CORS to the bucket). XMLHttpRequest because fetch
 * reports no upload progress; {@code onProgress} gets the sent fraction.
 */
export function uploadImage(file, { level, title, description }, token, onProgress) {
  const form = new FormData();
  // The level comes before the file so that the service writes the object under its final key at once.
  form.append('level', level);
  if (title) form.append('title', title);
  if (description) form.append('description', description);
  form.append('file', file, file.name);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/images');
    request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('Accept', 'application/json, application/problem+json');
    request.responseType = 'json';
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    });
    request.addEventListener('load', () => {
      if (request.status === 201) resolve(request.response);
      else reject(new ApiError(request.status, request.response));
    });
    request.addEventListener('error', () => reject(new ApiError(0, { detail: 'The upload was interrupted. Try again.' })));
    request.send(form);
  });
}
