"""Gives a fresh demo backend a lived-in team, two custom roles, channels and a few account notices,
so that the admin screenshots show an organization as it looks after a few weeks.

Usage: seed-admin-demo.py BASE_URL SAMPLES_DIR   (SAMPLES_DIR: the project's samples/meta/whatsapp)
"""
import hashlib
import hmac
import json
import os
import sys
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip('/')
SAMPLES = sys.argv[2]
PASSWORD = 'a long enough password'


def call(method, path, body=None, token=None):
    request = urllib.request.Request(BASE + '/api/v1/' + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={'Content-Type': 'application/json'})
    if token:
        request.add_header('Authorization', 'Bearer ' + token)
    try:
        with urllib.request.urlopen(request) as response:
            raw = response.read()
            return json.loads(raw) if raw else None
    except urllib.error.HTTPError as e:
        sys.exit('%s %s answered %d: %s' % (method, path, e.code, e.read().decode()))


owner = call('POST', 'auth/login', {'email': 'owner@demo.orqestra.test', 'password': 'orqestra-demo'})['accessToken']
roles = {r['name']: r['id'] for r in call('GET', 'roles', token=owner)}


def member(email, name, role, accept=True, active=True):
    invitation = call('POST', 'team/invitations', {'email': email, 'name': name, 'roleId': roles[role]}, token=owner)
    if accept:
        call('POST', 'auth/invitations/accept', {'token': invitation['token'], 'name': name, 'password': PASSWORD})
    if not active:
        call('PATCH', 'team/users/%d' % invitation['userId'], {'active': False}, token=owner)
    return invitation['userId']


member('budi.santoso@kopisenja.test', 'Budi Santoso', 'Supervisor')
sari = member('sari.wulandari@kopisenja.test', 'Sari Wulandari', 'Agent')
member('ayu.lestari@kopisenja.test', 'Ayu Lestari', 'Agent', active=False)
member('rizky.pratama@kopisenja.test', 'Rizky Pratama', 'Admin')
member('maya.putri@kopisenja.test', 'Maya Putri', 'Agent', accept=False)

night = call('POST', 'roles', {'name': 'Night shift',
                               'permissions': ['inbox.view.assigned', 'inbox.reply', 'inbox.note', 'contact.view']}, token=owner)
call('POST', 'roles', {'name': 'Content team', 'permissions': ['template.view', 'template.manage', 'broadcast.view',
                                                               'broadcast.manage', 'comment.moderate']}, token=owner)
call('PATCH', 'team/users/%d' % sari, {'roleId': night['id']}, token=owner)

for channel in call('GET', 'channels', token=owner):
    name = 'Kopi Senja support' if channel['platform'] == 'WHATSAPP' else 'Kopi Senja Instagram'
    call('PATCH', 'channels/%d' % channel['id'], {'name': name}, token=owner)
call('POST', 'channels/instagram', {'name': 'Kopi Senja Roastery', 'accountId': '17841400000123456',
                                    'username': 'kopisenja.roastery', 'accessToken': 'IGAA' + 'demo0token1' * 3}, token=owner)
orders = call('POST', 'channels/whatsapp', {'name': 'Orders line', 'businessAccountId': '390011223344556',
                                            'phoneNumberId': '485577203319406', 'displayPhoneNumber': '+62 813 8881 2345',
                                            'accessToken': 'EAAG' + 'demo0token1' * 3}, token=owner)
call('PATCH', 'channels/%d' % orders['id'], {'enabled': False}, token=owner)

# account notices arrive as Meta sends them: signed webhooks (the project's own samples)
for sample in ['wa-template-status-approved.json', 'wa-template-status-rejected.json', 'wa-phone-number-quality-update.json']:
    body = open(os.path.join(SAMPLES, sample), 'rb').read()
    signature = 'sha256=' + hmac.new(b'demo-whatsapp-app-secret', body, hashlib.sha256).hexdigest()
    request = urllib.request.Request(BASE + '/webhooks/whatsapp', data=body, method='POST',
                                     headers={'Content-Type': 'application/json', 'X-Hub-Signature-256': signature})
    with urllib.request.urlopen(request) as response:
        assert response.status == 200, (sample, response.status)
