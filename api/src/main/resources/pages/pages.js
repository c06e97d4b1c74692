// The pages mail links open until the web app takes over: each posts its one-time token to the JSON API.
(function () {
  const params = new URLSearchParams(location.search);
  const result = document.getElementById('result');
  const say = (text) => { result.textContent = text; };

  async function post(path, fields, headers) {
    const response = await fetch(path, {
      method: 'POST', credentials: 'same-origin',
      headers: Object.assign({'Content-Type': 'application/x-www-form-urlencoded'}, headers || {}),
      body: new URLSearchParams(fields).toString(),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      throw new Error(body.msg || ('HTTP ' + response.status));
    }
    return body;
  }

  const verify = document.getElementById('verify');
  if (verify) {
    verify.addEventListener('click', () => post('/bourse/v1/auth/verify-email', {token: params.get('token') || ''})
      .then(() => say('Your email address is verified. You can log in now.'), (e) => say(e.message)));
  }

  const reset = document.getElementById('reset');
  if (reset) {
    reset.addEventListener('submit', (event) => {
      event.preventDefault();
      post('/bourse/v1/auth/password-reset', {token: params.get('token') || '',
        newPassword: reset.elements.newPassword.value})
        .then(() => say('Your password is changed. Log in with the new one.'), (e) => say(e.message));
    });
  }

  async function checkout(outcome) {
    const me = await fetch('/bourse/v1/me', {credentials: 'same-origin'}).then((r) => r.json());
    if (!me.csrfToken) {
      throw new Error(me.msg || 'Log in first.');
    }
    await post('/bourse/v1/fiat/sandbox/checkout', {paymentId: params.get('paymentId') || '', outcome},
      {'X-CSRF-Token': me.csrfToken});
    return outcome === 'succeeded' ? 'Paid: the deposit is credited.' : 'Declined: nothing was charged.';
  }

  for (const [id, outcome] of [['pay', 'succeeded'], ['decline', 'failed']]) {
    const button = document.getElementById(id);
    if (button) {
      button.addEventListener('click', () => checkout(outcome).then(say, (e) => say(e.message)));
    }
  }
})();
