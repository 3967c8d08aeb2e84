/// The console's Mustache templates, compiled into the binary and parsed once at startup (`ConsoleViews`).
/// `{{…}}` escapes HTML; `{{{…}}}` is used only for HTML the console made itself (the page body, SVG charts).
enum ConsoleTemplates {
    static let all: [String: String] = [
        "layout": layout, "page": page, "form": form, "field": field, "table": table, "cell": cell, "media": media,
    ]

    static let layout = """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{pageTitle}} · Switchyard console</title>
        <link rel="stylesheet" href="/console/assets/console.css?v={{assetVersion}}">
        <script src="/console/assets/console.js?v={{assetVersion}}" defer></script>
        </head>
        <body>
        <a class="skip" href="#main">Skip to content</a>
        <header class="top">
        <a class="brand" href="/console">Switchyard</a>
        {{#signedIn}}
        <nav aria-label="Console sections"><ul>
        {{#nav}}<li><a href="{{navHref}}"{{#navCurrent}} aria-current="page"{{/navCurrent}}>{{navLabel}}</a></li>{{/nav}}
        </ul></nav>
        <form class="signout" method="post" action="/console/sign-out">
        <input type="hidden" name="csrf" value="{{csrf}}">
        <span class="who">{{who}}</span>
        <button type="submit">Sign out</button>
        </form>
        {{/signedIn}}
        </header>
        <main id="main">
        <h1>{{pageTitle}}</h1>
        {{#notice}}<p class="notice" role="status">{{.}}</p>{{/notice}}
        {{#problem}}<p class="problem" role="alert">{{.}}</p>{{/problem}}
        {{{body}}}
        </main>
        </body>
        </html>
        """

    static let page = """
        {{#sections}}
        <section class="card">
        <h2>{{sectionTitle}}</h2>
        {{#intro}}<p class="intro">{{.}}</p>{{/intro}}
        {{#hasStats}}<div class="stats">{{#stats}}<div class="stat"><span class="stat-label">{{statLabel}}</span><span class="stat-value">{{statValue}}</span>{{#statDetail}}<span class="stat-detail">{{.}}</span>{{/statDetail}}</div>{{/stats}}</div>{{/hasStats}}
        {{#hasCharts}}<div class="charts">{{#charts}}{{{svg}}}{{/charts}}</div>{{/hasCharts}}
        {{#hasFacts}}<dl class="facts">{{#facts}}<div><dt>{{factLabel}}</dt><dd>{{factValue}}</dd></div>{{/facts}}</dl>{{/hasFacts}}
        {{#secret}}<div class="secret"><label for="new-key">Your new key. Copy it now: it is not shown again.</label>
        <div class="copy"><input id="new-key" readonly value="{{.}}" spellcheck="false"><button type="button" data-copy="new-key">Copy</button></div></div>{{/secret}}
        {{#hasMedia}}<div class="media">{{#media}}{{>media}}{{/media}}</div>{{/hasMedia}}
        {{#filter}}<div class="filter">{{>form}}</div>{{/filter}}
        {{#table}}{{>table}}{{/table}}
        {{#hasLinks}}<ul class="links">{{#links}}<li><a href="{{linkHref}}">{{linkLabel}}</a></li>{{/links}}</ul>{{/hasLinks}}
        {{#code}}<pre><code>{{.}}</code></pre>{{/code}}
        {{#forms}}{{>form}}{{/forms}}
        </section>
        {{/sections}}
        """

    static let form = """
        <form class="form{{#inline}} inline{{/inline}}" method="{{formMethod}}" action="{{formAction}}" id="{{formID}}">
        {{#formTitle}}<h3>{{.}}</h3>{{/formTitle}}
        {{#isPost}}<input type="hidden" name="csrf" value="{{csrf}}">{{/isPost}}
        {{#idempotencyKey}}<input type="hidden" name="idempotency_key" value="{{.}}">{{/idempotencyKey}}
        {{#formError}}<p class="error" role="alert">{{.}}</p>{{/formError}}
        <div class="fields">{{#fields}}{{>field}}{{/fields}}</div>
        <button type="submit"{{#danger}} class="danger"{{/danger}}>{{formSubmit}}</button>
        </form>
        """

    static let field = """
        {{#isHidden}}<input type="hidden" name="{{fieldName}}" value="{{fieldValue}}">{{/isHidden}}
        {{^isHidden}}<div class="field{{#fieldError}} has-error{{/fieldError}}{{#isCheckbox}} checkbox{{/isCheckbox}}">
        {{#isCheckbox}}<label for="{{fieldID}}"><input type="checkbox" id="{{fieldID}}" name="{{fieldName}}" value="1"{{#fieldChecked}} checked{{/fieldChecked}}> {{fieldLabel}}</label>{{/isCheckbox}}
        {{^isCheckbox}}<label for="{{fieldID}}">{{fieldLabel}}{{#fieldRequired}}<span class="required" aria-hidden="true"> *</span>{{/fieldRequired}}</label>{{/isCheckbox}}
        {{#isInput}}<input id="{{fieldID}}" name="{{fieldName}}" type="{{fieldType}}" value="{{fieldValue}}"{{#fieldRequired}} required{{/fieldRequired}}{{#fieldError}} aria-invalid="true" aria-describedby="{{fieldID}}-error"{{/fieldError}}>{{/isInput}}
        {{#isSelect}}<select id="{{fieldID}}" name="{{fieldName}}"{{#fieldError}} aria-invalid="true" aria-describedby="{{fieldID}}-error"{{/fieldError}}>{{#fieldOptions}}<option value="{{optionValue}}"{{#optionSelected}} selected{{/optionSelected}}>{{optionLabel}}</option>{{/fieldOptions}}</select>{{/isSelect}}
        {{#fieldHint}}<small class="hint">{{.}}</small>{{/fieldHint}}
        {{#fieldError}}<small class="error" id="{{fieldID}}-error">{{.}}</small>{{/fieldError}}
        </div>{{/isHidden}}
        """

    static let table = """
        {{^isEmpty}}<div class="table-wrap"><table>
        <thead><tr>{{#columns}}<th scope="col">{{columnName}}</th>{{/columns}}</tr></thead>
        <tbody>{{#rows}}<tr>{{#cells}}<td data-label="{{cellColumn}}"><div class="cell">{{>cell}}</div></td>{{/cells}}</tr>{{/rows}}</tbody>
        </table></div>{{/isEmpty}}
        {{#isEmpty}}<p class="empty">{{emptyText}}</p>{{/isEmpty}}
        {{#pager}}<nav class="pager" aria-label="Pages">{{#previousPage}}<a href="{{.}}" rel="prev">Previous page</a>{{/previousPage}}<span>Page {{pageNumber}}</span>{{#nextPage}}<a href="{{.}}" rel="next">Next page</a>{{/nextPage}}</nav>{{/pager}}
        """

    static let cell = """
        {{#cellBadge}}<span class="badge {{.}}">{{/cellBadge}}{{#cellHref}}<a href="{{.}}">{{cellText}}</a>{{/cellHref}}{{^cellHref}}{{#mono}}<code>{{cellText}}</code>{{/mono}}{{^mono}}{{cellText}}{{/mono}}{{/cellHref}}{{#cellBadge}}</span>{{/cellBadge}}
        {{#cellHasMedia}}<div class="media">{{#cellMedia}}{{>media}}{{/cellMedia}}</div>{{/cellHasMedia}}{{#cellForms}}{{>form}}{{/cellForms}}
        """

    static let media = """
        {{#isVideo}}<video controls preload="metadata" playsinline src="{{mediaURL}}"></video>{{/isVideo}}
        {{#isImage}}<img src="{{mediaURL}}" alt="Generated image" loading="lazy">{{/isImage}}
        {{#isAudio}}<audio controls preload="metadata" src="{{mediaURL}}"></audio>{{/isAudio}}
        {{#isLink}}<a href="{{mediaURL}}">Result file</a>{{/isLink}}
        """
}
