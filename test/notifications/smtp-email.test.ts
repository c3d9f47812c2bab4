import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DeliveryError, SmtpEmailProvider, smtpDeliveryError } from '../../src/notifications/index.js';

/**
 * A minimal SMTP server on 127.0.0.1: enough of RFC 5321 for nodemailer to deliver one message.
 * A recipient starting with "reject" gets a 550, one starting with "busy" a 451.
 */
function fakeSmtpServer(messages: string[]): net.Server {
  return net.createServer((socket) => {
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let data = '';
    socket.write('220 fake.smtp ESMTP\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      let at: number;
      while ((at = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            messages.push(data);
            data = '';
            socket.write('250 2.0.0 Ok: queued as FAKE123\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-fake.smtp\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') socket.write('250 2.1.0 Ok\r\n');
        else if (verb === 'RCPT') {
          if (/<reject/i.test(line)) socket.write('550 5.1.1 Recipient unknown\r\n');
          else if (/<busy/i.test(line)) socket.write('451 4.3.0 Try again later\r\n');
          else socket.write('250 2.1.5 Ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
        } else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n');
        else if (verb === 'RSET' || verb === 'NOOP') socket.write('250 Ok\r\n');
        else socket.write('502 5.5.2 Command not recognized\r\n');
      }
    });
    socket.on('error', () => {});
  });
}

describe('the SMTP e-mail provider', () => {
  const messages: string[] = [];
  const server = fakeSmtpServer(messages);
  let provider: SmtpEmailProvider;

  before(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as net.AddressInfo).port;
    provider = new SmtpEmailProvider({ smtpUrl: `smtp://127.0.0.1:${port}/?ignoreTLS=true`, from: 'Tayseer <no-reply@tayseer.test>' });
  });
  after(async () => {
    provider.close();
    await new Promise((resolve) => server.close(resolve));
  });

  it('delivers a message in Arabic through the relay', async () => {
    const receipt = await provider.send({ to: 'sara@example.com', subject: 'مرحبًا بك في تيسير', text: 'أهلًا سارة' });
    assert.ok(receipt.providerMessageId);
    assert.equal(messages.length, 1);
    assert.match(messages[0]!, /To: sara@example.com/);
    assert.match(messages[0]!, /From: Tayseer <no-reply@tayseer.test>/);
  });

  it('fails permanently on a 5xx reply and retryably on a 4xx reply, without the address in the error', async () => {
    const rejected = await provider.send({ to: 'reject@example.com', subject: 's', text: 't' }).catch((e: unknown) => e);
    assert.ok(rejected instanceof DeliveryError);
    assert.equal(rejected.retryable, false);
    assert.doesNotMatch(rejected.message, /example\.com/);
    const busy = await provider.send({ to: 'busy@example.com', subject: 's', text: 't' }).catch((e: unknown) => e);
    assert.ok(busy instanceof DeliveryError);
    assert.equal(busy.retryable, true);
  });

  it('refuses an address that cannot be one without connecting', async () => {
    const error = await provider.send({ to: 'not an address', subject: 's', text: 't' }).catch((e: unknown) => e);
    assert.ok(error instanceof DeliveryError);
    assert.equal(error.retryable, false);
  });

  it('maps connection errors and SMTP reply codes', () => {
    assert.equal(smtpDeliveryError({ code: 'ECONNECTION' }).retryable, true);
    assert.equal(smtpDeliveryError({ code: 'ETIMEDOUT' }).retryable, true);
    assert.equal(smtpDeliveryError({ code: 'EENVELOPE', responseCode: 421 }).retryable, true);
    assert.equal(smtpDeliveryError({ code: 'EENVELOPE', responseCode: 550 }).retryable, false);
    assert.equal(smtpDeliveryError({ code: 'EMESSAGE', responseCode: 552 }).retryable, false);
    // Our credentials, not the message: wait for an operator rather than drop the mail.
    assert.equal(smtpDeliveryError({ code: 'EAUTH', responseCode: 535 }).retryable, true);
    assert.equal(smtpDeliveryError(new Error('strange')).retryable, true);
  });
});
