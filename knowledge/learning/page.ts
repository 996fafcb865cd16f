import { pageStart } from '../../common/html';

const PAGE_STYLE = `
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:960px;padding:1rem;color:#1b1b1b}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.5rem}
li{margin:.4rem 0}.count{color:#555;margin-right:.5rem}button{margin-left:.4rem}
.group{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:.5rem 0}
#status{color:#0a5d00;min-height:1.2em}label{display:block;margin:.3rem 0}
input[type=text],textarea,select{width:100%;max-width:40rem}
`;

/**
 * The console's Knowledge page: top unanswered questions grouped by likely article, the articles
 * most answered with "Nie" and the suggestions customers picked (each with the questions asked),
 * and one click to add a question as a phrasing or draft an article.
 * It uses the console's session (its cookie; sign-in at /auth/login) and sends the session's
 * CSRF token, read from /api/console/me, with every change.
 */
export function knowledgePage(): string {
  return `${pageStart({ lang: 'pl', title: 'Baza wiedzy – konsola', style: PAGE_STYLE })}
<nav><a href="/agent#/">Kolejki</a> · <a href="/agent/reports">Raporty SLA</a> · <a href="/agent#/find">Szukaj zgłoszeń</a> · <strong>Baza wiedzy</strong></nav>
<h1>Baza wiedzy</h1>
<p id="signin" hidden><a href="/auth/login?return=/agent/knowledge">Zaloguj</a></p>
<p id="status" role="status"></p>
<main id="main" hidden>
<h2>Pytania bez odpowiedzi</h2><div id="unanswered"></div>
<h2>Artykuły z największą liczbą „Nie”</h2><div id="unhelpful"></div>
<h2>Pytania rozstrzygnięte podpowiedzią</h2><div id="chosen"></div>
<h2>Szkic nowego artykułu</h2>
<form id="draft"><label>Tytuł (pytanie) <input id="draft-title" type="text"></label>
<label>Odpowiedź <textarea id="draft-answer" rows="4"></textarea></label><button type="submit">Zapisz szkic</button></form>
</main>
<script>
(function(){
  var csrf='';
  var $=function(id){return document.getElementById(id)};
  function api(method,path,body){
    return fetch(path,{method:method,headers:{'x-csrf-token':csrf,'content-type':'application/json'},body:body?JSON.stringify(body):undefined})
      .then(function(r){return r.json().then(function(j){if(!r.ok)throw new Error(j.message||r.status);return j})});
  }
  function el(tag,text){var e=document.createElement(tag);if(text!==undefined)e.textContent=text;return e}
  function say(t){$('status').textContent=t}
  // One box per article: the questions customers asked, each with one click to add it as a
  // phrasing (of the article picked, the likely one first) or to start a draft from it.
  function group(heading,g,articles){
    var div=el('div');div.className='group';div.appendChild(el('h3',heading));
    var ul=el('ul');
    g.questions.forEach(function(q){
      var li=el('li');li.appendChild(el('span',q.count+'×'));li.firstChild.className='count';
      li.appendChild(el('span',q.question));
      var pick=el('select');pick.setAttribute('aria-label','Artykuł dla: '+q.question);
      articles.forEach(function(a){var o=el('option',a.title);o.value=a.id;if(a.id===g.articleId)o.selected=true;pick.appendChild(o)});
      var add=el('button','Dodaj jako sformułowanie');
      add.onclick=function(){var id=pick.value;api('POST','/api/kb/articles/'+encodeURIComponent(id)+'/phrasings',{question:q.question})
        .then(function(){say('Dodano „'+q.question+'” jako sformułowanie artykułu '+id);return load()}).catch(function(e){say('Błąd: '+e.message)})};
      li.appendChild(pick);li.appendChild(add);
      var draft=el('button','Szkic artykułu');
      draft.onclick=function(){$('draft-title').value=q.question;$('draft-answer').focus()};
      li.appendChild(draft);ul.appendChild(li);
    });
    div.appendChild(ul);return div;
  }
  function load(){
    return api('GET','/api/kb/insights').then(function(data){
      $('signin').hidden=true;$('main').hidden=false;
      var box=$('unanswered');box.textContent='';
      if(!data.unanswered.length)box.appendChild(el('p','Brak pytań bez odpowiedzi.'));
      data.unanswered.forEach(function(g){
        box.appendChild(group(g.title?('Prawdopodobnie: '+g.title):'Bez podobnego artykułu',g,data.articles));
      });
      [['unhelpful','„Nie” po odpowiedzi: '],['chosen','Wybrana podpowiedź: ']].forEach(function(section){
        var list=$(section[0]);list.textContent='';
        if(!data[section[0]].length)list.appendChild(el('p','Brak.'));
        data[section[0]].forEach(function(a){list.appendChild(group(a.count+'× '+section[1]+(a.title||a.articleId),a,data.articles))});
      });
    }).catch(function(e){say('Błąd: '+e.message);$('signin').hidden=false});
  }
  $('draft').onsubmit=function(ev){ev.preventDefault();
    api('POST','/api/kb/articles',{title:$('draft-title').value,answer:$('draft-answer').value})
      .then(function(r){say('Zapisano szkic: '+r.edit.articleId);$('draft-title').value='';$('draft-answer').value='';return load()})
      .catch(function(e){say('Błąd: '+e.message)})};
  api('GET','/api/console/me').then(function(me){csrf=me.csrfToken||'';return load()}).catch(function(){$('signin').hidden=false});
})();
</script></body></html>`;
}
