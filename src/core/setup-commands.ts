// The first-run assistant's ready-to-paste commands: register the app as a single-page application
// with this install's redirect URIs and the delegated Graph permissions, grant an administrator's
// consent, and print the IDs to paste back. Permission IDs are looked up by name in the tenant's own
// Microsoft Graph service principal, so nothing here can go stale.
import { EVERYDAY, PERMISSION } from './permissions';

/** The Firefox add-on ID (manifest.json, browser_specific_settings.gecko.id): fixed, so its redirect URI is too. */
export const FIREFOX_ADDON_ID = 'guest-invite@entra-invite.example';
/** Microsoft Graph's application ID, the same in every tenant. */
const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
const APP_NAME = 'Guest Invite for Entra ID';
const permissions = () => EVERYDAY.map((p) => PERMISSION[p]);

/** Firefox's redirect URI for an add-on: the SHA-1 of its ID, in hex, under extensions.allizom.org. */
export async function firefoxRedirectUri(addonId = FIREFOX_ADDON_ID): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(addonId));
  const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `https://${hex}.extensions.allizom.org/`;
}

/** Azure CLI (bash): app, SPA redirect URIs, permissions, service principal, admin consent. */
export function azureCliScript(redirectUris: string[]): string {
  const spa = JSON.stringify({ spa: { redirectUris } });
  const scope = (name: string) => `"$(scope ${name})=Scope"`;
  return [
    `graph=${GRAPH_APP_ID}`,
    `scope() { az ad sp show --id $graph --query "oauth2PermissionScopes[?value=='$1'].id | [0]" -o tsv; }`,
    `app=$(az ad app create --display-name "${APP_NAME}" --sign-in-audience AzureADMyOrg --query appId -o tsv)`,
    `az rest --method PATCH --uri "https://graph.microsoft.com/v1.0/applications(appId='$app')" \\`,
    `  --headers Content-Type=application/json --body '${spa}'`,
    `az ad app permission add --id $app --api $graph --api-permissions ${permissions().map(scope).join(' ')}`,
    'az ad sp create --id $app',
    'az ad app permission admin-consent --id $app',
    'echo "Client ID: $app   Tenant ID: $(az account show --query tenantId -o tsv)"',
  ].join('\n');
}

/** Microsoft Graph PowerShell: the same, with the consent granted as an organization-wide permission grant. */
export function powershellScript(redirectUris: string[]): string {
  const list = (items: string[]) => items.map((i) => `'${i}'`).join(', ');
  return [
    "Connect-MgGraph -Scopes 'Application.ReadWrite.All', 'DelegatedPermissionGrant.ReadWrite.All'",
    `$graph = Get-MgServicePrincipal -Filter "appId eq '${GRAPH_APP_ID}'"`,
    `$scopes = @(${list(permissions())})`,
    '$access = $graph.Oauth2PermissionScopes | Where-Object { $scopes -contains $_.Value } |',
    "  ForEach-Object { @{ Id = $_.Id; Type = 'Scope' } }",
    `$app = New-MgApplication -DisplayName '${APP_NAME}' -SignInAudience AzureADMyOrg \``,
    `  -Spa @{ RedirectUris = @(${list(redirectUris)}) } \``,
    '  -RequiredResourceAccess @{ ResourceAppId = $graph.AppId; ResourceAccess = @($access) }',
    '$sp = New-MgServicePrincipal -AppId $app.AppId',
    'New-MgOauth2PermissionGrant -ClientId $sp.Id -ConsentType AllPrincipals -ResourceId $graph.Id `',
    "  -Scope ($scopes -join ' ')",
    '"Client ID: $($app.AppId)   Tenant ID: $((Get-MgContext).TenantId)"',
  ].join('\n');
}
