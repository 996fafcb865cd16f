/**
 * fetch over the shared keep-alive pool, sent once more on a fresh socket when the server closed
 * the kept-alive one just as it was reused (its keep-alive timeout against a client starved of
 * CPU): browsers and HTTP libraries retry that case, and a test must not count it as the
 * service's failure. A refused connection, a timeout or any other error still fails, with its cause.
 */
export async function keptAliveFetch(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch (error) {
    const code = (error as { cause?: { code?: string } }).cause?.code;
    if (code === 'UND_ERR_SOCKET' || code === 'ECONNRESET') return fetch(url, init);
    throw new Error(`${init.method ?? 'GET'} ${url}: ${(error as Error).message} (${String((error as Error).cause)})`);
  }
}
